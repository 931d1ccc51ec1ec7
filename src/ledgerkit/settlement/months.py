"""Each person's month settled under their contract: :func:`settle`."""

from __future__ import annotations

import dataclasses
import os
import re
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any

from ledgerkit.attendance.cells import person_key
from ledgerkit.attendance.workbooks import read_attendance
from ledgerkit.calendars.business import business_calendar
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.messages import text
from ledgerkit.core.result import Result, Stats
from ledgerkit.intake.door import gather, read_files
from ledgerkit.invoices.across_files import finish_invoices
from ledgerkit.invoices.frame import INVOICE_COLUMNS
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.parse.months import month_label_of
from ledgerkit.settlement.bands import (
    METHOD_LABELS,
    _exact,
    parse_mode,
    round_step,
    settle_month,
    tax_on,
)
from ledgerkit.settlement.columns import SETTLEMENT_COLUMNS
from ledgerkit.settlement.contracts import (
    _complete_contracts,
    contracts_not_settled,
    _pick_contract,
    read_contracts,
)
from ledgerkit.settlement.invoice_check import check_settled_invoices
from ledgerkit.settlement.proration import MonthShare, calendar_words, month_share
from ledgerkit.settlement.report import write_settlement
from ledgerkit.settlement.settings import _setting


def _rate_display(rate) -> Decimal | None:
    """The applied rate as shown in a report: whole yen, or two decimals when exact."""
    if rate is None:
        return None
    fr = _exact(rate)
    if fr.denominator == 1:
        return Decimal(fr.numerator)
    return Decimal(round_step(fr * 100, 1, "half_up")) / 100


def _minutes_of_hours(h) -> int:
    # attendance hours are whole minutes; floats carry them as e.g. 7.749999999
    return round_step(_exact(float(h)) * 60, 1, "half_up")


def settle(
    attendance: Any,
    contracts: Any,
    invoices: Any = None,
    month: str | None = None,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Settle each person's month under their contract, and check the vendors' invoices.

    ``attendance``: attendance workbooks, folders or globs (read through the intake door as
    :func:`~ledgerkit.attendance.workbooks.read_attendance` reads them), its Result, or an
    attendance frame (``ledgerkit.attendance.COLUMNS``); ``contracts``: the contract list's
    path(s) (:func:`~ledgerkit.settlement.contracts.read_contracts`), its Result or a contract
    frame (:data:`CONTRACT_COLUMNS`); ``invoices``: invoice lists (paths, read as ``ledgerkit
    aggregate --kind invoices`` reads them), their Result, or an invoice frame (``invoice_no,
    issue_date, vendor, po_no, net, tax, total`` …); ``month`` ``YYYY-MM`` limits the
    settlement to that month. ``include_hidden``, ``skip_bad`` and ``jobs`` apply to every
    file read.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``settlement``
    (``frame, issues = settle(...)`` works too): ``frame`` has one row per person and month
    with :data:`SETTLEMENT_COLUMNS` (and :data:`INVOICE_CHECK_COLUMNS` with invoices), money in
    integer yen; ``issues`` are the reading problems of the inputs and every invoice that does
    not bill the settled amount; ``tables["contracts"]`` the contract rows used;
    ``meta`` ``month``, ``invoices`` (whether invoices were checked) and ``lang``;
    ``result.write("settlement.xlsx")`` writes what ``ledgerkit settle -o`` writes.

    Raises DataError naming every person with attendance but no contract.

    Examples:
        >>> import datetime as dt, pandas as pd
        >>> att = pd.DataFrame({"date": [dt.date(2024, 11, d) for d in range(1, 14)],
        ...                     "person": "山田太郎", "person_id": "", "hours": 10.0,
        ...                     "source_file": "a.xlsx", "source_sheet": "11月", "source_row": range(5, 18)})
        >>> con = pd.DataFrame([{"person": "山田太郎", "vendor": "株式会社アルファ", "fee": 500_000,
        ...                      "lower": 140, "upper": 180, "method": "updown", "unit_minutes": 15,
        ...                      "rate_step": None, "rate_mode": "down", "amount_rounding": "down"}])
        >>> frame, findings = settle(att, con)
        >>> frame[["person", "month", "days", "hours", "rate", "adjustment", "amount", "tax", "total"]].values.tolist()
        [['山田太郎', '2024-11', 13, 130.0, Decimal('3571.43'), -35715, 464285, 46428, 510713]]
    """
    import pandas as pd

    config = config_or_found(config)
    lang = config.lang
    inputs = _Inputs(config, dict(include_hidden=include_hidden, skip_bad=skip_bad, jobs=jobs))
    attendance, _ = inputs.frame(attendance, read_attendance)
    contracts, found = inputs.frame(contracts, read_contracts)
    # a contract row that could not be read is why a person has none, more often than a missing one
    unusable = [i for i in found if i.rejected]
    if len(attendance) == 0:
        raise InputError(text("settle_no_attendance_rows", lang))
    used = contracts
    contracts = _complete_contracts(contracts, config)
    if month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise InputError(text("settle_month_format", lang, value=month))
    att = _attendance_by_month(attendance, month, inputs.issues, lang)
    picked: set = set()
    records, missing = _settle_months(att, contracts, config, lang, inputs.issues, picked)
    if missing:
        why = "".join(f"\n{i.location(lang)}: {i.message(lang)}" for i in unusable)
        raise DataError(text("settle_no_contract", lang, people="; ".join(missing), why=why))
    months = [month] if month is not None else sorted(set(att["month"]))
    settled = {(person_key(r["person"]), r["month"]) for r in records}
    inputs.issues.extend(contracts_not_settled(contracts, picked, settled, months))
    frame = pd.DataFrame.from_records(records, columns=[*SETTLEMENT_COLUMNS, "_po_no", "_source_file", "_source_sheet"])
    if invoices is not None:
        invoices, _ = inputs.frame(invoices, partial(_read_invoices, lang=lang))
        checked = check_settled_invoices(frame, invoices, month=month, contracts=contracts, lang=lang)
        frame = checked.frame
        inputs.issues.extend(checked.issues)
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    return Result("settlement", frame, inputs.issues, inputs.stats, list(dict.fromkeys(inputs.files)),
                  tables={"contracts": used}, meta={"month": month, "invoices": invoices is not None, "lang": lang},
                  writer=write_settlement)


class _Inputs:
    """The inputs of one settlement, each read (or taken as given); their issues, files and counts added up."""

    def __init__(self, config: Config | None, options: dict):
        self.config, self.options = config, options
        self.issues: list[Issue] = []
        self.files: list[str] = []
        self.stats = Stats()

    def frame(self, given: Any, read) -> tuple[Any, list[Issue]]:
        """(``given`` as a frame, its issues): read (paths), taken from a Result, or as it is (a frame)."""
        if hasattr(given, "columns") and hasattr(given, "iloc"):
            return given, []
        result = given if isinstance(given, Result) else read(_paths(given), self.config, **self.options)
        self.issues.extend(result.issues)
        self.files.extend(_read_files(result))
        for f in dataclasses.fields(Stats):
            setattr(self.stats, f.name, getattr(self.stats, f.name) + getattr(result.stats, f.name))
        return result.frame, result.issues


def _read_files(result: Result) -> list[str]:
    """The files a read used: not ledgerkit's own reports, which ``-o`` may write over (settle run twice)."""
    own = {i.file for i in result.issues if i.code == "own_report"}
    return [f for f in result.files if f not in own]


def _paths(given: Any) -> list:
    return [given] if isinstance(given, (str, os.PathLike)) else list(given)


def _read_invoices(paths, config: Config | None, *, lang: str, **options) -> Result:
    """The vendors' invoice lists, through the intake door (as ``aggregate --kind invoices`` reads them),
    with the columns the invoice check needs (which header a figure came from)."""
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_invoice_sheet, **options)
    result = gather(intake, "invoices", finish=partial(finish_invoices, keep_internal=True), columns=INVOICE_COLUMNS,
                    config=config)
    if result.stats.rows_read == 0 and any(i.code in ("no_table", "empty_sheet") for i in result.issues):
        # a wrong file given as --invoices: say so, not 'no invoice' for every person
        raise InputError(text("budget_no_invoices", lang, files=", ".join(str(p) for p in paths)))
    return result


def _attendance_by_month(attendance, month: str | None, findings: list[Issue], lang: str = "ja"):
    """The attendance rows with hours, each with the month it is settled in (only ``month``'s when given)."""
    import pandas as pd

    att = attendance.copy()
    if "person_id" not in att:
        att["person_id"] = ""
    att["person_id"] = att["person_id"].fillna("").astype(str)
    att = att[att["hours"].notna()]
    att["month"] = [month_label_of(d) for d in pd.to_datetime(att["date"]).dt.date]
    if "period" in att:
        # a closing-day 勤務表 (10/21-11/20 under 11月度) is settled as the month it names
        period = att["period"]
        att["month"] = att["month"].where(~period.apply(lambda p: isinstance(p, str) and bool(p)), period)
    if month is not None:
        others = att[att["month"] != month]
        for person, group in others.groupby("person", sort=True):
            findings.append(Issue("settle_other_month", file=str(group["source_file"].iloc[0]), scope="settlement",
                                  severity="info",
                                  params={"person": person, "month": month,
                                          "other": ", ".join(sorted(set(group["month"])))}))
        att = att[att["month"] == month]
        if att.empty:
            # a typo in --month would settle nobody and look like a clean month
            present = ", ".join(sorted(set(others["month"]))) or "-"
            raise InputError(text("settle_month_empty", lang, month=month, present=present))
    return att


def _settle_months(att, contracts, config, lang: str, findings: list[Issue],
                   picked: set) -> tuple[list[dict], list[str]]:
    """(one record per person and month, the person-months with no contract); a contract that
    starts or ends inside the month is prorated as ``[settle] prorate`` says, with a finding.
    ``picked`` gets the (contract row label, month) of each contract settled under."""
    records, missing = [], []
    tax_rate = _exact(_setting(config, "tax_rate"))
    tax_mode = parse_mode(_setting(config, "tax_rounding"))
    prorate = _setting(config, "prorate")
    cal = business_calendar(config, lang=lang)
    att["person_key"] = [person_key(p) for p in att["person"]]
    for (key, ym), group in att.groupby(["person_key", "month"], sort=True):
        person = group["person"].iloc[0]
        pid = next((p for p in group["person_id"] if p), "")
        rows = _pick_contract(contracts, person, pid, ym)
        where = f"{group['source_file'].iloc[0]} / {group['source_sheet'].iloc[0]}"
        if rows.empty:
            missing.append(f"{person} ({ym}, {where})")
            continue
        if len(rows) > 1:
            lines = ", ".join(text("settle_row", lang, row=r) for r in rows["source_row"])
            raise DataError(text("settle_two_contracts", lang, person=person, count=len(rows), month=ym, rows=lines))
        c = rows.iloc[0]
        picked.add((rows.index[0], ym))
        _check_one_sheet(group, person, ym, lang)
        part = month_share(c["valid_from"], c["valid_to"], ym, prorate, cal)
        if part is not None:
            group = _within_contract(group, part, person, ym, findings)
            findings.append(_share_finding(part, group, c, person, ym, cal, lang))
        records.append(_settle_one(group, c, person, pid, ym, config, lang, tax_rate, tax_mode, part))
    return records, missing


def _within_contract(group, part: MonthShare, person: str, ym: str, findings: list[Issue]):
    """The attendance days inside the contract's part of the month; the others listed (not settled)."""
    import pandas as pd

    days = pd.to_datetime(group["date"]).dt.date
    inside = (days >= part.start) & (days <= part.end)
    outside = group[~inside & (group["hours"] > 0)]
    if len(outside):
        dates = sorted(set(pd.to_datetime(outside["date"]).dt.date))
        shown = ", ".join(d.strftime("%m/%d") for d in dates[:5]) + (" …" if len(dates) > 5 else "")
        hours = float(sum(_minutes_of_hours(h) for h in outside["hours"])) / 60
        findings.append(Issue("settle_outside_contract", file=str(outside["source_file"].iloc[0]),
                              sheet=str(outside["source_sheet"].iloc[0]), scope="settlement", severity="warning",
                              params={"person": person, "month": ym, "period": part.period(), "days": len(dates),
                                      "hours": f"{hours:g}", "dates": shown}))
    return group[inside]


def _share_finding(part: MonthShare, group, c, person: str, ym: str, cal, lang: str) -> Issue:
    """Said of every prorated month (info), or of one settled in full although it is partial (warning)."""
    where = {"file": str(c.get("source_file", "") or ""), "sheet": str(c.get("source_sheet", "") or ""),
             "row": None if c.get("source_row") is None or c.get("source_row") != c.get("source_row")
             else int(c["source_row"])}
    if part.basis == "none":
        return Issue("settle_not_prorated", **where, scope="settlement", severity="warning",
                     params={"person": person, "month": ym, "period": part.period()})
    share = part.share
    band = ("-", "-") if c["lower"] is None else tuple(
        f"{float(round_step(_exact(v) * share * 100, 1, 'half_up')) / 100:g}" for v in (c["lower"], c["upper"]))
    cal_ja = calendar_words(cal, "ja") if part.basis == "business_days" else "土日祝を含む"
    cal_en = calendar_words(cal, "en") if part.basis == "business_days" else "weekends and holidays included"
    return Issue("settle_prorated", **where, scope="settlement", severity="info",
                 params={"person": person, "month": ym, "period": part.period(), "basis": part.label("ja").split()[0],
                         "basis_en": part.label("en").rsplit(" ", 1)[0], "part": part.part, "whole": part.whole,
                         "calendar": cal_ja, "calendar_en": cal_en, "fee": f"{int(c['fee']):,}",
                         "share_fee": f"{round_step(int(c['fee']) * share, 1, c['amount_rounding']):,}",
                         "lower": band[0], "upper": band[1]})


def _settle_one(group, c, person: str, pid: str, ym: str, config, lang: str, tax_rate, tax_mode,
                part: MonthShare | None = None) -> dict:
    """One person's month under contract row ``c`` (its ``part`` of the month when prorated)."""
    minutes = sum(_minutes_of_hours(h) for h in group["hours"])
    s = settle_month(
        int(c["fee"]), Fraction(minutes, 60), c["lower"], c["upper"], c["method"],
        unit_minutes=int(c["unit_minutes"]), hours_rounding=_setting(config, "hours_rounding"),
        rate_step=None if c["rate_step"] is None or c["rate_step"] != c["rate_step"] else int(c["rate_step"]),
        rate_mode=c["rate_mode"], amount_rounding=c["amount_rounding"],
        share=part.share if part is not None else 1,
    )
    tax = tax_on(s.amount, tax_rate, tax_mode)
    days = int(group.loc[group["hours"] > 0, "date"].nunique())
    return {
        "person": person,
        "person_id": pid or c.get("person_id", ""),
        "vendor": c["vendor"],
        "month": ym,
        "days": days,
        "hours_worked": float(round_step(Fraction(minutes, 60) * 100, 1, "half_up")) / 100,
        "hours": float(s.hours),
        "lower": None if c["lower"] is None else float(c["lower"]),
        "upper": None if c["upper"] is None else float(c["upper"]),
        "method": METHOD_LABELS[c["method"]][0 if lang == "ja" else 1],
        "fee": int(c["fee"]),
        "prorate": part.label(lang) if part is not None else "",
        "rate": _rate_display(s.rate),
        "adjustment": s.adjustment,
        "amount": s.amount,
        "tax": tax,
        "total": s.amount + tax,
        "_po_no": c.get("po_no", "") or "",
        "_source_file": str(group["source_file"].iloc[0]) if len(group) else str(c.get("source_file", "")),
        "_source_sheet": str(group["source_sheet"].iloc[0]) if len(group) else str(c.get("source_sheet", "")),
    }


def _check_one_sheet(group, person: str, ym: str, lang: str = "ja") -> None:
    """Refuse a month reported on two sheets with the same days (a revised copy beside the original)."""
    sources = group.groupby(["source_file", "source_sheet"], sort=True)["date"].apply(set)
    if len(sources) < 2:
        return
    seen: dict = {}
    for where, dates in sources.items():
        for other, other_dates in seen.items():
            if dates & other_dates:
                day = min(dates & other_dates)
                raise DataError(text("settle_same_days", lang, person=person, month=ym, day=day,
                                     a=f"{other[0]} / {other[1]}", b=f"{where[0]} / {where[1]}"))
        seen[where] = dates
