"""The contract list (精算条件一覧): one row per person, with the fee, the band and its rounding rules.

:func:`read_contracts` reads contract lists through the intake door; each sheet is read in the
worker by :func:`read_contract_sheet`, its rows sorted with the shared row walk.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from ledgerkit.attendance.cells import person_key
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result, SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.intake.door import gather, read_files
from ledgerkit.kinds.contracts import CONTRACT_FIELDS
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.months import split_month_label
from ledgerkit.parse.text import CellValueError, normalize_name, normalize_text
from ledgerkit.parse.text import is_blank
from ledgerkit.reports.generic import detail_writer
from ledgerkit.settlement.bands import (
    _exact,
    parse_method,
    parse_mode,
    parse_rate_rounding,
    parse_unit_minutes,
)
from ledgerkit.settlement.settings import _setting

#: the columns of a contract frame, in order
CONTRACT_COLUMNS = [
    "person", "person_id", "vendor", "fee", "lower", "upper", "method", "unit_minutes",
    "rate_step", "rate_mode", "amount_rounding", "po_no", "valid_from", "valid_to",
    "source_file", "source_sheet", "source_row",
]


def _hours_value(v) -> Fraction | None:
    if is_blank(v):
        return None
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return Fraction(v)
    h = parse_hours(v)
    return None if h is None else _exact(h)


def _band_text(v) -> tuple[Fraction, Fraction] | None:
    """``140-180``, ``140～180h``, ``140時間〜180時間`` → (140, 180)."""
    if not isinstance(v, str):
        return None
    s = unicodedata.normalize("NFKC", v).replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:h|時間|H)?[-~〜～ー－―/](\d+(?:\.\d+)?)(?:h|時間|H)?", s)
    if not m:
        return None
    return Fraction(Decimal(m.group(1))), Fraction(Decimal(m.group(2)))


def _value_and_reason(value, reason: str) -> dict[str, str]:
    """The cell and why it cannot be read; in English the reason only when it is English
    (the cell parsers give theirs in Japanese, which an English line leaves out).

    Examples:
        >>> _value_and_reason("未定", "金額として読めません")["en"]
        '未定'
        >>> _value_and_reason("200-180", "下限 must be below 上限")["en"]
        '200-180 (下限 must be below 上限)'
    """
    both = f"{value} ({reason})"
    kana = re.search(r"[\u3040-\u30ff]", str(reason))
    return {"ja": both, "en": str(value) if kana else both}


#: the kind and the columns named when a sheet holds no contract list
_KIND = {"ja": "精算条件一覧", "en": "contract list"}
_FIELDS = {"ja": "氏名, 月額単価", "en": "氏名 (person), 月額単価 (monthly fee)"}


def read_contracts(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read contract lists (精算条件一覧): one row per person, from every sheet that has one.

    Files, folders and globs go through the intake door (lock files, copies, ledgerkit's own
    reports, hidden sheets unless ``include_hidden`` / ``read.include_hidden``); each sheet is
    read in the worker (:func:`read_contract_sheet`) and sheets without a contract list are
    listed. Columns are found through :data:`CONTRACT_FIELDS` (plus ``[columns.contracts]`` in
    the config); rows that cannot be used are issues.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``contracts``
    (``frame, issues = read_contracts(...)`` works too), the frame with :data:`CONTRACT_COLUMNS`.
    Raises InputError when no sheet holds a contract table.

    Examples:
        >>> frame, issues = read_contracts("examples/attendance/契約一覧.xlsx")   # doctest: +SKIP
    """
    config = config_or_found(config)
    intake = read_files(paths, config, reader=read_contract_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    result = gather(intake, "contracts", columns=CONTRACT_COLUMNS, config=config, writer=detail_writer())
    if result.stats.sheets_read == 0:
        given = paths if isinstance(paths, (str, os.PathLike)) else ", ".join(map(str, paths))
        raise InputError(messages.text("settle_no_contracts", getattr(config, "lang", "ja"), files=given))
    return result


def read_contract_sheet(sheet, *, file: str, config: Config | None = None) -> SheetResult:
    """One sheet's contract rows (run in the intake's worker); ``frame`` None when it holds no contract list.

    Blank rows are skipped, total rows (合計 under 氏名) are not people, the header printed
    again is listed; every other row is a contract or a rejected row naming the cell.
    """
    import pandas as pd

    rows = fill_merged(sheet.rows, sheet.merged)
    table = detect_table(rows, _synonyms(config), {"person", "fee"})
    if table is None:
        return SheetResult.no_table(file, sheet, kind=_KIND, fields=_FIELDS)
    log = RowLog(file, sheet.name)
    width = max((len(row) for row in rows[table.data_start:table.data_end]), default=0)
    kinds = classify_rows(rows, table.data_start, table.data_end, columns=range(width),
                          labels=[table.mapping["person"]], header=rows[table.header_row])
    records = []
    for r in range(table.data_start, table.data_end):
        # blank rows are skipped; a total row is not a person, and is listed
        if log.not_data(r, kinds):
            continue
        row = rows[r]
        cell = lambda f: row[table.mapping[f]] if f in table.mapping and table.mapping[f] < len(row) else ""  # noqa: E731
        record, problem = _contract_row(cell, config)
        if problem:
            field_name, value, reason = problem
            column = table.columns.get(table.mapping.get(field_name, -1), field_name)
            _reject_with_reason(log, r, column, value, reason)
            continue
        if record is None:
            # a row without a person (a note under the table): listed, never dropped unsaid
            log.reject(r, "missing_value", column=table.columns.get(table.mapping["person"], "氏名"),
                       value=next((v for v in row if not is_blank(v)), ""), severity="warning")
            continue
        log.keep(r)
        record.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=CONTRACT_COLUMNS)
    for col in ("lower", "upper", "rate_step", "valid_from", "valid_to"):
        # keep None (no band, exact rate, open-ended) as None, not NaN
        frame[col] = pd.Series([r[col] for r in records], dtype=object, index=frame.index)
    mapping = {f: table.columns.get(c, "") for f, c in table.mapping.items()}
    return SheetResult(frame, log.issues, log.rows_read, layout="long", header_row=table.header_excel_row,
                       mapping=mapping, kind="contracts")


def _reject_with_reason(log: RowLog, r: int, column: str, value, reason: str) -> None:
    """The row rejected for a cell, with why beside the cell in the message (``未定 (金額として読めません)``):
    the walk's issue with that message value."""
    issue = log.reject(r, "bad_cell", column=column, value=str(value))
    log.issues[-1] = dataclasses.replace(issue, params={**issue.params, "value": _value_and_reason(value, reason)})


def _synonyms(config: Config | None) -> Synonyms:
    fields = {k: list(v) for k, v in CONTRACT_FIELDS.items()}
    if config is not None:
        for k, words in config.synonyms("contracts").items():
            fields[k] = [*words, *fields.get(k, [])]
    return Synonyms(fields)


def _contract_row(cell, config):
    """(record, None), (None, None) for a row without a person (a note), or (None, (field, value, reason))."""
    person = normalize_name(cell("person"))
    if not person:
        return None, None
    try:
        fee = parse_amount(cell("fee"))
    except CellValueError as e:
        return None, ("fee", cell("fee"), str(e))
    if fee is None or fee != fee.to_integral_value() or fee <= 0:
        return None, ("fee", cell("fee"), "not a whole yen amount")
    try:
        method = parse_method(normalize_text(cell("method")) or None, _setting(config, "method"))
    except ValueError as e:
        return None, ("method", cell("method"), str(e))
    lower = upper = None
    try:
        band = _band_text(cell("band"))
        lower = _hours_value(cell("lower"))
        upper = _hours_value(cell("upper"))
    except (CellValueError, ValueError) as e:
        return None, ("lower", cell("lower"), str(e))
    if band and lower is None and upper is None:
        lower, upper = band
    if method != "fixed":
        if lower is None or upper is None:
            return None, ("lower" if lower is None else "upper", "", "a band needs 下限 and 上限 (or 精算方法 固定)")
        if lower <= 0 or upper < lower:
            return None, ("upper", f"{lower}-{upper}", "下限 must be below 上限")
    try:
        unit = parse_unit_minutes(normalize_text(cell("unit")) or None, int(_setting(config, "hours_unit_minutes")))
    except ValueError as e:
        return None, ("unit", cell("unit"), str(e))
    try:
        rate_text = normalize_text(cell("rate_rounding")) or _setting(config, "rate_rounding") or None
        rate_step, rate_mode = parse_rate_rounding(rate_text)
        amount_mode = parse_mode(normalize_text(cell("amount_rounding")) or None, _setting(config, "amount_rounding"))
    except ValueError as e:
        return None, ("rate_rounding", cell("rate_rounding"), str(e))
    dates = {}
    for f in ("valid_from", "valid_to"):
        try:
            dates[f] = parse_date(cell(f))
        except CellValueError as e:
            return None, (f, cell(f), str(e))
    pid = normalize_text(cell("person_id"))
    if pid.endswith(".0") and pid[:-2].isdigit():
        pid = pid[:-2]
    return {
        "person": person,
        "person_id": pid,
        "vendor": normalize_text(cell("vendor")),
        "fee": int(fee),
        "lower": lower,
        "upper": upper,
        "method": method,
        "unit_minutes": unit,
        "rate_step": rate_step,
        "rate_mode": rate_mode,
        "amount_rounding": amount_mode,
        "po_no": normalize_text(cell("po_no")),
        "valid_from": dates["valid_from"],
        "valid_to": dates["valid_to"],
    }, None


def _complete_contracts(contracts, config):
    """A contract frame with every column, defaults filled in (for frames made by hand)."""
    c = contracts.copy()
    defaults = {
        "person_id": "", "vendor": "", "lower": None, "upper": None, "method": _setting(config, "method"),
        "unit_minutes": int(_setting(config, "hours_unit_minutes")), "rate_step": None,
        "rate_mode": "down", "amount_rounding": _setting(config, "amount_rounding"), "po_no": "",
        "valid_from": None, "valid_to": None, "source_file": "", "source_sheet": "", "source_row": None,
    }
    for col, value in defaults.items():
        if col not in c:
            c[col] = [value] * len(c)
    c["person_id"] = c["person_id"].fillna("").astype(str)
    c["method"] = [parse_method(m) for m in c["method"]]
    c["lower"] = [None if v is None or v != v else _exact(v) for v in c["lower"]]
    c["upper"] = [None if v is None or v != v else _exact(v) for v in c["upper"]]
    c["person_key"] = [person_key(p) for p in c["person"]]
    c = c.astype({"lower": object, "upper": object, "rate_step": object})
    return c


def _pick_contract(contracts, person: str, person_id: str, month: str):
    """The contract rows for a person (by ID when both sides have one, else by name) valid in month."""
    if person_id and (contracts["person_id"] != "").any():
        rows = contracts[contracts["person_id"] == person_id]
        if rows.empty:
            rows = contracts[(contracts["person_key"] == person_key(person)) & (contracts["person_id"] == "")]
    else:
        rows = contracts[contracts["person_key"] == person_key(person)]
    if rows.empty:
        return rows
    return rows[[_in_force(f, t, month) for f, t in zip(rows["valid_from"], rows["valid_to"])]]


def _in_force(valid_from, valid_to, month: str) -> bool:
    """Whether a contract valid from ``valid_from`` to ``valid_to`` (either blank: open) runs in ``month``."""
    y, m = split_month_label(month)
    first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    return ((valid_from is None or valid_from != valid_from or valid_from <= last)
            and (valid_to is None or valid_to != valid_to or valid_to >= first))


def contracts_not_settled(contracts, picked: set[tuple[object, str]], settled: set[tuple[str, str]],
                          months: list[str]) -> list[Issue]:
    """A warning per contract in force in one of ``months`` whose person has no 勤務表 there: a
    person forgotten, or a timesheet not handed in, said rather than left out of the settlement
    without a word. A contract is settled when :func:`_pick_contract` chose it (``picked``: its
    row label and the month — matched by ID, whatever the name's spelling) or when its person's
    name was settled that month (``settled``: (person key, month))."""
    found = []
    for month in months:
        for label, c in zip(contracts.index, contracts.to_dict("records")):
            if not _in_force(c.get("valid_from"), c.get("valid_to"), month) or (label, month) in picked \
                    or (person_key(c["person"]), month) in settled:
                continue
            row = c.get("source_row")
            found.append(Issue("settle_contract_no_attendance", c.get("source_file") or "", c.get("source_sheet") or "",
                               None if row is None or row != row else int(row), severity="warning",
                               scope="settlement", params={"person": c["person"], "vendor": c.get("vendor") or "-",
                                                           "month": month}))
    return found
