"""Unit rates (単価表): per person, per grade, and who is in which grade, each from a month on: :func:`read_rates`."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ledgerkit.budget.labels import _is_total, _show
from ledgerkit.parse.periods import month_label, parse_month
from ledgerkit.budget.settings import _cfg, _exact, _lang, _synonyms
from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.core.issues import Issue
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.cells import is_blank
from ledgerkit.intake.door import open_workbook
from ledgerkit.kinds.budget import RATE_FIELDS
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.text import CellValueError, normalize_name, normalize_text

_RATE_SUFFIX = re.compile(r"/\s*(h|hr|時間|時|人時|日|人日|月|人月)$", re.IGNORECASE)


@dataclass(frozen=True)
class RateEntry:
    """A rate as written (``rate`` per ``basis``: hour, day or month), where it came from,
    and the month it applies from (``since``, ``YYYY-MM``; ``""`` = always)."""

    rate: Decimal
    basis: str = "hour"
    where: str = ""
    grade: str = ""
    since: str = ""


@dataclass(frozen=True)
class GradeOf:
    """A person's grade from a month on (``since`` ``""`` = always)."""

    grade: str
    where: str = ""
    since: str = ""


def _in_effect(entries: list, month: str | None):
    """The entry in effect in ``month``: the latest whose ``since`` is not after it.

    Without a month, the latest entry.
    """
    if not entries:
        return None
    if month is None:
        return entries[-1]
    candidates = [e for e in entries if not e.since or e.since <= month]
    return candidates[-1] if candidates else None


@dataclass
class Rates:
    """Unit rates: per person, per grade, and the person → grade list, each from a month on.

    Examples:
        >>> r = Rates.from_mapping({"山田 太郎": 6500, "佐藤花子": "7,000円"})
        >>> r.per_hour("山田太郎")
        Fraction(6500, 1)
        >>> r.per_hour("鈴木") is None
        True
    """

    person: dict[str, list[RateEntry]] = field(default_factory=dict)
    grade: dict[str, list[RateEntry]] = field(default_factory=dict)
    person_grade: dict[str, list[GradeOf]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    hours_per_day: Fraction = Fraction(8)
    hours_per_month: Fraction = Fraction(160)
    files: list[str] = field(default_factory=list)
    #: language of the errors raised while rates are added
    lang: str = "ja"
    #: rows whose rate cell could not be read: person (or ``grade:`` + grade key) → (file, sheet,
    #: Excel row, column header, cell as written), so a missing rate names the cell, not "not in the table"
    unreadable: dict[str, tuple[str, str, int, str, str]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any], basis: str = "hour") -> "Rates":
        out = cls()
        for name, value in mapping.items():
            amount = parse_amount(value)
            if amount is None:
                continue
            out.add_person(normalize_name(name), RateEntry(amount, basis, ""))
        return out

    def add_person(self, person: str, entry: RateEntry) -> None:
        _put(self.person, person, entry, person, self.lang)

    def add_grade(self, grade: str, entry: RateEntry) -> None:
        _put(self.grade, _grade_key(grade), entry, grade, self.lang)

    def add_person_grade(self, person: str, grade_of: GradeOf) -> None:
        entries = self.person_grade.setdefault(person, [])
        for old in entries:
            if old.since == grade_of.since and _grade_key(old.grade) != _grade_key(grade_of.grade):
                raise DataError(messages.text("rates_two_grades", self.lang, person=person, a=old.grade,
                                              a_where=old.where, b=grade_of.grade, b_where=grade_of.where))
        entries.append(grade_of)
        entries.sort(key=lambda e: e.since)

    def entry(self, person: str, month: str | None = None) -> RateEntry | None:
        """The rate in effect for ``person`` in ``month`` (``YYYY-MM``): their own, else their grade's."""
        key = normalize_name(person)
        e = _in_effect(self.person.get(key, []), month)
        if e is not None:
            return e
        g = _in_effect(self.person_grade.get(key, []), month)
        if g is not None:
            ge = _in_effect(self.grade.get(_grade_key(g.grade), []), month)
            if ge is not None:
                return RateEntry(ge.rate, ge.basis, ge.where, g.grade, ge.since)
        return None

    def per_hour(self, person: str, month: str | None = None) -> Fraction | None:
        e = self.entry(person, month)
        return None if e is None else self.hourly(e)

    def hourly(self, e: RateEntry) -> Fraction:
        """The rate per hour, exactly: per day ÷ hours_per_day, per month ÷ hours_per_month."""
        r = Fraction(e.rate)
        if e.basis == "day":
            return r / self.hours_per_day
        if e.basis == "month":
            return r / self.hours_per_month
        return r

    def why_missing(self, person: str, month: str | None = None, lang: str = "ja") -> str:
        """Why ``person`` has no rate in ``month``, in words."""
        key = normalize_name(person)
        own = self.person.get(key, [])
        if own:
            return messages.text("rate_why_not_yet", lang, month=month, since=own[0].since)
        grades = self.person_grade.get(key, [])
        g = _in_effect(grades, month)
        bad = self.unreadable.get(key) or (self.unreadable.get("grade:" + _grade_key(g.grade)) if g is not None else None)
        if bad is not None:
            file, sheet, row, column, value = bad
            return messages.text("rate_why_unreadable", lang, file=Path(file).name, sheet=sheet, row=row,
                                 column=column, value=value)
        if g is not None:
            return messages.text("rate_why_grade", lang, grade=g.grade, where=g.where)
        if grades:
            return messages.text("rate_why_no_grade_yet", lang, month=month, since=grades[0].since)
        return messages.text("rate_why_not_in_table", lang)


def _grade_key(g: str) -> str:
    return normalize_text(g).upper().replace(" ", "")


def _basis_of(header: str) -> str:
    t = normalize_text(header)
    if re.search(r"人月|月額|月単価|/月|円/月", t):
        return "month"
    if re.search(r"人日|日額|日単価|/日|円/日", t):
        return "day"
    return "hour"


def read_rates(paths: str | os.PathLike | Iterable[str | os.PathLike], *, config: Config | None = None) -> Rates:
    """Read 単価表 workbooks: per-person rates, per-grade rates and person → grade lists.

    Sheets are recognized by their columns: 氏名 + 単価 (per person), 等級 + 単価
    (per grade), 氏名 + 等級 (who is in which grade). A rate cell may read ``6,500``,
    ``6,500円`` or ``800,000円/月``; the header decides the basis (``人月単価`` → per month,
    ``人日単価`` → per day, otherwise per hour). A 適用開始 column (a date or a month) says
    from which month a rate or a grade applies; without it a row applies always. Two
    different rates for one person or grade from the same month raise
    :class:`~ledgerkit.core.errors.DataError` naming both places.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [str(p) for p in paths]
    rates = Rates(
        hours_per_day=_exact(_cfg(config, "hours.hours_per_day", 8.0)),
        hours_per_month=_exact(_cfg(config, "hours.hours_per_month", 160.0)),
        files=files,
        lang=_lang(config),
    )
    syn = Synonyms(_synonyms(config, "rates", RATE_FIELDS))
    include_hidden = bool(_cfg(config, "read.include_hidden", False))
    for file in files:
        wb = open_workbook(file, config)
        found = 0
        for sheet in wb.sheets:
            if sheet.visible != "visible" and not include_hidden:
                rates.issues.append(Issue("hidden_sheet", file, sheet.name, scope="sheet"))
                continue
            found += _read_rate_sheet(sheet, file, syn, rates)
        if not found:
            raise InputError(messages.text("rates_no_table_file", _lang(config), file=file))
    return rates


def _read_rate_sheet(sheet, file: str, syn: Synonyms, rates: Rates) -> int:
    rows = fill_merged(sheet.rows, sheet.merged or ())
    header = None
    for r in range(min(40, len(rows))):
        labels: dict[str, int] = {}
        for c, v in enumerate(rows[r]):
            if isinstance(v, str):
                f = syn.match(v)
                if f and f not in labels:
                    labels[f] = c
        if len(labels.keys() & {"person", "grade", "rate"}) >= 2:
            header = (r, labels)
            break
    if header is None:
        rates.issues.append(Issue("rates_no_table", file, sheet.name, scope="sheet"))
        return 0
    r, labels = header
    head = rows[r]
    pc, gc, rc, sc = labels.get("person"), labels.get("grade"), labels.get("rate"), labels.get("since")
    basis_header = _basis_of(str(head[rc])) if rc is not None else "hour"
    rate_text = str(head[rc]).strip() if rc is not None else ""
    for i in range(r + 1, len(rows)):
        row = rows[i]
        excel_row = i + 1
        if all(is_blank(v) for v in row):
            continue
        get = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        person = normalize_name(get(pc)) if pc is not None else ""
        grade = normalize_text(get(gc)) if gc is not None else ""
        if _is_total(person) or _is_total(grade):
            rates.issues.append(Issue("total_row", file, sheet.name, excel_row))
            continue
        where = f"{Path(file).name} / {sheet.name} / row {excel_row}"
        since = ""
        if sc is not None and not is_blank(get(sc)):
            since = _since(get(sc), rates, file, sheet.name, excel_row, str(head[sc]).strip())
            if since is None:
                continue
        if rc is None:
            # 氏名 + 等級: who is in which grade
            if person and grade:
                rates.add_person_grade(person, GradeOf(grade, where, since))
            elif person or grade:
                rates.issues.append(Issue("no_values", file, sheet.name, excel_row, rejected=True))
            continue
        raw = get(rc)
        basis = basis_header
        if isinstance(raw, str):
            m = _RATE_SUFFIX.search(normalize_text(raw))
            if m:
                basis = _basis_of("/" + m.group(1)) if m.group(1) not in ("h", "hr", "時間", "時", "人時") else "hour"
                raw = normalize_text(raw)[: m.start()]
        try:
            amount = parse_amount(raw)
        except CellValueError:
            rates.issues.append(Issue("bad_cell", file, sheet.name, excel_row, column=rate_text, value=_show(get(rc)),
                                      severity="error", rejected=True,
                                      params={"field": rate_text, "value": _show(get(rc))}))
            if person or grade:
                who = person or "grade:" + _grade_key(grade)
                rates.unreadable.setdefault(who, (file, sheet.name, excel_row, rate_text, _show(get(rc))))
            continue
        if amount is None:
            if person or grade:
                rates.issues.append(Issue("rate_blank", file, sheet.name, excel_row, column=rate_text, severity="warning",
                                          rejected=True, params={"who": person or grade}))
            continue
        if amount < 0:
            rates.issues.append(Issue("rate_negative", file, sheet.name, excel_row, column=rate_text, value=_show(raw),
                                      severity="error", rejected=True, params={"who": person or grade}))
            continue
        entry = RateEntry(amount, basis, where, grade, since)
        if person:
            rates.add_person(person, entry)
        elif grade:
            rates.add_grade(grade, entry)
        else:
            rates.issues.append(Issue("no_values", file, sheet.name, excel_row, rejected=True))
    return 1


def _since(v: Any, rates: Rates, file: str, sheet: str, excel_row: int, column: str) -> str | None:
    """The month a rate applies from (``YYYY-MM``); None (reported) when unreadable.

    A rate changed in the middle of a month applies to that whole month — labor cost is
    rounded per month, so a month has one rate — and the row says so.
    """
    ym = parse_month(v)
    if ym is None or ym[0] is None:
        rates.issues.append(Issue("bad_cell", file, sheet, excel_row, column=column, value=_show(v), severity="error",
                                  rejected=True, params={"field": column, "value": _show(v)}))
        return None
    if isinstance(v, (dt.date, dt.datetime)) and v.day != 1:
        rates.issues.append(Issue("rate_mid_month", file, sheet, excel_row, column=column, value=_show(v),
                                  severity="warning", params={"month": month_label(*ym)}))
    return month_label(*ym)


_BASIS_WORDS = {"hour": ("時間", "hour"), "day": ("人日", "day"), "month": ("人月", "month")}


def _put(table: dict, key: str, entry: RateEntry, who: str, lang: str = "ja") -> None:
    entries = table.setdefault(key, [])
    for old in entries:
        if old.since == entry.since:
            if (old.rate, old.basis) != (entry.rate, entry.basis):
                i = 1 if lang == "en" else 0
                raise DataError(messages.text(
                    "rates_two_rates", lang, who=who + (f" ({entry.since}〜)" if entry.since else ""),
                    a=f"{old.rate:,}", a_basis=_BASIS_WORDS[old.basis][i], a_where=old.where,
                    b=f"{entry.rate:,}", b_basis=_BASIS_WORDS[entry.basis][i], b_where=entry.where))
            return
    entries.append(entry)
    entries.sort(key=lambda e: e.since)
