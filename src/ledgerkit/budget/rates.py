"""Unit rates (単価表): per person, per grade, and who is in which grade, each from a month on: :func:`read_rates`.

Workbooks are read through the intake door; each sheet is read in the worker
(:func:`read_rate_sheet`, its rows sorted with the shared row walk) and the sheets' rates are
put together in the parent, in the order given (a rate table may be split over sheets and files).
"""

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
from ledgerkit.budget.settings import _cfg, _exact, _lang, _synonyms
from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.core.issues import Issue, location_param
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowKinds, RowLog, classify_rows
from ledgerkit.intake.door import Intake, read_files
from ledgerkit.kinds.budget import RATE_FIELDS
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import CellValueError, normalize_name, normalize_text

_RATE_SUFFIX = re.compile(r"/\s*(h|hr|時間|時|人時|日|人日|月|人月)$", re.IGNORECASE)


@dataclass(frozen=True)
class RateEntry:
    """A rate as written (``rate`` per ``basis``: hour, day or month), where it came from,
    and the month it applies from (``since``, ``YYYY-MM``; ``""`` = always)."""

    rate: Decimal
    basis: str = "hour"
    where: str | dict[str, str] = ""  # a location_param: file / sheet / row in ja and en
    grade: str = ""
    since: str = ""


@dataclass(frozen=True)
class GradeOf:
    """A person's grade from a month on (``since`` ``""`` = always)."""

    grade: str
    where: str | dict[str, str] = ""  # a location_param: file / sheet / row in ja and en
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
    #: the (file, sheet) pairs a rate table was read from
    sheets: set[tuple[str, str]] = field(default_factory=set)

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


def read_rates(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Rates:
    """Read 単価表 workbooks: per-person rates, per-grade rates and person → grade lists.

    Files, folders and globs go through the intake door (lock files, copies, ledgerkit's own
    reports, hidden sheets unless ``include_hidden``), each sheet read in the worker.
    Sheets are recognized by their columns: 氏名 + 単価 (per person), 等級 + 単価
    (per grade), 氏名 + 等級 (who is in which grade). A rate cell may read ``6,500``,
    ``6,500円`` or ``800,000円/月``; the header decides the basis (``人月単価`` → per month,
    ``人日単価`` → per day, otherwise per hour). A 適用開始 column (a date or a month) says
    from which month a rate or a grade applies; without it a row applies always. Two
    different rates for one person or grade from the same month raise
    :class:`~ledgerkit.core.errors.DataError` naming both places.

    Returns :class:`Rates` (a lookup, with the ``issues`` and ``files`` read), not a table of rows.
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_rate_sheet, include_hidden=include_hidden, skip_bad=skip_bad,
                        jobs=jobs)
    rates = Rates(
        hours_per_day=_exact(_cfg(config, "hours.hours_per_day", 8.0)),
        hours_per_month=_exact(_cfg(config, "hours.hours_per_month", 160.0)),
        # not ledgerkit's own reports (listed in the issues), which -o may write over
        files=[f.path for f in intake.files if not any(i.code == "own_report" for i in f.issues)],
        lang=_lang(config),
    )
    _put_together(intake, rates)
    return rates


def _put_together(intake: Intake, rates: Rates) -> None:
    """Every sheet's rates into ``rates``, in the order read (a clash raises there); a file with none refused."""
    rates.issues.extend(intake.skipped)
    for f in intake.files:
        rates.issues.extend(f.issues)
        found = 0
        for sheet in f.sheets:
            if sheet.hidden is not None:
                rates.issues.append(sheet.hidden)
                continue
            read = sheet.result
            rates.issues.extend(read.issues)
            if not isinstance(read, RateSheet) or read.header_row is None:
                continue
            found += 1
            rates.sheets.add((f.path, sheet.name))
            for what, key, entry in read.entries:
                {"person": rates.add_person, "grade": rates.add_grade, "person_grade": rates.add_person_grade}[what](
                    key, entry)
            for who, where in read.unreadable.items():
                rates.unreadable.setdefault(who, where)
        if not found and not any(i.code == "own_report" for i in f.issues):
            raise InputError(messages.text("rates_no_table_file", rates.lang, file=f.path))
    rates.issues.extend(intake.unreadable)


@dataclass
class RateSheet(SheetResult):
    """What :func:`read_rate_sheet` found in one sheet: ``entries`` in the order written — ``("person",
    name, RateEntry)``, ``("grade", grade, RateEntry)`` or ``("person_grade", name, GradeOf)`` —, the
    rows whose rate could not be read (see :attr:`Rates.unreadable`). ``header_row`` is None when
    the sheet holds no rate table; ``frame`` stays None (the rates are a lookup, put together in
    the parent, not rows)."""

    entries: list[tuple[str, str, Any]] = field(default_factory=list)
    unreadable: dict[str, tuple[str, str, int, str, str]] = field(default_factory=dict)


def read_rate_sheet(sheet, *, file: str, config: Config | None = None) -> RateSheet:
    """One sheet of a 単価表 (runs in the intake's worker): its rates, grades and issues."""
    rows = fill_merged(sheet.rows, sheet.merged or ())
    syn = Synonyms(_synonyms(config, "rates", RATE_FIELDS))
    header = _rate_header(rows, syn)
    if header is None:
        return RateSheet(issues=[Issue("rates_no_table", file, sheet.name, scope="sheet")], note="no table")
    r, labels = header
    rows_read = _RateRows(rows, r, labels, file, sheet.name)
    rows_read.read_all()
    mapping = {f: str(rows[r][c]).strip() for f, c in labels.items()}
    return RateSheet(issues=rows_read.log.issues, rows_read=rows_read.log.rows_read,
                     layout="long", header_row=r + 1, mapping=mapping, entries=rows_read.entries,
                     unreadable=rows_read.unreadable)


def _rate_header(rows, syn: Synonyms) -> tuple[int, dict[str, int]] | None:
    """(row, field → column) of the first row naming two of person, grade and rate."""
    for r in range(min(40, len(rows))):
        labels: dict[str, int] = {}
        for c, v in enumerate(rows[r]):
            if isinstance(v, str):
                f = syn.match(v)
                if f and f not in labels:
                    labels[f] = c
        if len(labels.keys() & {"person", "grade", "rate"}) >= 2:
            return r, labels
    return None


class _RateRows:
    """The rows under a rate table's header: entries in the order written, rejected rows in the log."""

    def __init__(self, rows, header_row: int, labels: dict[str, int], file: str, sheet: str):
        self.rows, self.header_row, self.file, self.sheet = rows, header_row, file, sheet
        self.pc, self.gc, self.rc, self.sc = (labels.get(f) for f in ("person", "grade", "rate", "since"))
        head = rows[header_row]
        self.basis_header = _basis_of(str(head[self.rc])) if self.rc is not None else "hour"
        self.rate_text = str(head[self.rc]).strip() if self.rc is not None else ""
        self.since_text = str(head[self.sc]).strip() if self.sc is not None else ""
        self.log = RowLog(file, sheet)
        self.entries: list[tuple[str, str, Any]] = []
        self.unreadable: dict[str, tuple[str, str, int, str, str]] = {}

    def classify(self) -> RowKinds:
        """The walk's blank, total and repeated-header rows, plus the pre-step: a person or grade
        cell that is a budget-style total (上期計, 年間合計 …) makes a total row too."""
        rows, start = self.rows, self.header_row + 1
        width = max((len(row) for row in rows[start:]), default=0)
        labels = [c for c in (self.pc, self.gc) if c is not None]
        kinds = classify_rows(rows, start, len(rows), columns=range(width), labels=labels,
                              header=rows[self.header_row])
        for r in range(start, len(rows)):
            person, grade = self.who(rows[r])
            if r not in kinds.blank and r not in kinds.total and (_is_total(person) or _is_total(grade)):
                kinds.total[r] = person or grade
                kinds.repeated.discard(r)
        return kinds

    def who(self, row) -> tuple[str, str]:
        get = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        person = normalize_name(get(self.pc)) if self.pc is not None else ""
        grade = normalize_text(get(self.gc)) if self.gc is not None else ""
        return person, grade

    def read_all(self) -> None:
        kinds = self.classify()
        for r in range(self.header_row + 1, len(self.rows)):
            if not self.log.not_data(r, kinds):
                self.read_row(r)

    def read_row(self, r: int) -> None:
        """One data row: a rate, a grade, or the row rejected in the log."""
        row, log = self.rows[r], self.log
        get = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        person, grade = self.who(row)
        where = location_param(Path(self.file).name, self.sheet, r + 1)
        since = ""
        if self.sc is not None and not is_empty(get(self.sc)):
            since = _since(get(self.sc), log, r, self.since_text)
            if since is None:
                return
        if self.rc is None:
            # 氏名 + 等級: who is in which grade
            if person and grade:
                log.keep(r)
                self.entries.append(("person_grade", person, GradeOf(grade, where, since)))
            elif person or grade:
                log.reject(r, "no_values", severity="info")
            return
        amount, basis = self.rate(r, get(self.rc), person or grade, person or "grade:" + _grade_key(grade))
        if amount is None:
            return
        if person or grade:
            log.keep(r)
            entry = RateEntry(amount, basis, where, grade, since)
            self.entries.append(("person", person, entry) if person else ("grade", grade, entry))
        else:
            log.reject(r, "no_values", severity="info")

    def rate(self, r: int, raw, who: str, key: str) -> tuple[Decimal | None, str]:
        """(the rate as written, its basis); None (the row rejected) when it cannot be used."""
        basis, shown, log = self.basis_header, _show(raw), self.log
        if isinstance(raw, str):
            m = _RATE_SUFFIX.search(normalize_text(raw))
            if m:
                basis = _basis_of("/" + m.group(1)) if m.group(1) not in ("h", "hr", "時間", "時", "人時") else "hour"
                raw = normalize_text(raw)[: m.start()]
        try:
            amount = parse_amount(raw)
        except CellValueError:
            log.reject(r, "bad_cell", column=self.rate_text, value=shown)
            if who:
                self.unreadable.setdefault(key, (self.file, self.sheet, r + 1, self.rate_text, shown))
            return None, basis
        if amount is None:
            if who:
                log.reject(r, "rate_blank", column=self.rate_text, severity="warning", who=who)
            return None, basis
        if amount < 0:
            log.reject(r, "rate_negative", column=self.rate_text, value=_show(raw), who=who)
            return None, basis
        return amount, basis


def _since(v: Any, log: RowLog, r: int, column: str) -> str | None:
    """The month a rate applies from (``YYYY-MM``); None (the row rejected) when unreadable.

    A rate changed in the middle of a month applies to that whole month — labor cost is
    rounded per month, so a month has one rate — and the row says so.
    """
    ym = parse_month(v)
    if ym is None or ym[0] is None:
        log.reject(r, "bad_cell", column=column, value=_show(v))
        return None
    if isinstance(v, (dt.date, dt.datetime)) and v.day != 1:
        log.note(r, "rate_mid_month", column=column, value=_show(v), month=month_label(*ym))
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
