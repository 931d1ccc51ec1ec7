"""What a person types: ``--as-of 2026-12-01 09:00`` and ``--new "件名=…,期限=…,見積工数=…,依頼者=…"``.

A ``--new`` request is read like a row of the 依頼一覧: its keys are the list's headers
(件名, 期限, 見積工数, 依頼者, 役職, 種別, 重要度, 担当 … and their synonyms), its values are
read by the same parsers (``令和8年12月3日``, ``半日``), and ``今日`` / ``本日`` / ``明日``
and a time alone (``期限=17:00``) count from the as-of date. Pairs are separated by commas;
a comma not followed by ``key=`` belongs to the value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.walk import RowLog
from ledgerkit.kinds.triage import REQUEST_FIELDS
from ledgerkit.parse.datetimes import parse_date_time
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.workload.cells import RowProblem
from ledgerkit.workload.requests import REQUEST_COLUMNS, RequestSheetReader
from ledgerkit.workload.settings import Settings

#: where a --new request "comes from" in the frame and in Issues
NEW_SOURCE = "--new"
_PAIR_SPLIT = re.compile(r"\s*[,，]\s*(?=[^=＝,，]+[=＝])")


def parse_as_of(value: Any, settings: Settings, lang: str = "ja") -> dt.datetime:
    """The moment the triage is made: a datetime, a date (at the start of the working hours),
    text (``2026-12-01 09:00``, ``12/1 9時``), or None for now in ``[triage] tz``.

    Examples:
        >>> from ledgerkit.workload.settings import triage_settings
        >>> parse_as_of("2026-12-01 10:30", triage_settings()), parse_as_of(dt.date(2026, 12, 1), triage_settings())
        (datetime.datetime(2026, 12, 1, 10, 30), datetime.datetime(2026, 12, 1, 9, 0))
    """
    if value is None:
        try:
            now = dt.datetime.now(ZoneInfo(settings.tz))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise InputError(messages.text("sched_bad_tz", lang, value=settings.tz)) from None
        return now.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0)) + dt.timedelta(minutes=settings.hours[0])
    try:
        found = parse_date_time(value, year=dt.date.today().year)
    except (CellValueError, ValueError, OverflowError):
        found = None
    if found is None:
        raise InputError(messages.text("triage_bad_as_of", lang, value=str(value)))
    day, minutes = found
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=settings.hours[0] if minutes is None else minutes)


def split_pairs(text: str, config: Any, lang: str = "ja") -> dict[str, str]:
    """``件名=A,期限=12/3`` → ``{"subject": "A", "due": "12/3"}`` (keys as the 依頼一覧's headers).

    Examples:
        >>> from ledgerkit.config.loading import Config
        >>> split_pairs("件名=見積、比較, 依頼,期限=12/3 17:00,工数=2h", Config())
        {'subject': '見積、比較, 依頼', 'due': '12/3 17:00', 'effort': '2h'}
    """
    fields = {k: list(dict.fromkeys([*v, *config.synonyms("requests").get(k, [])])) for k, v in REQUEST_FIELDS.items()}
    synonyms = Synonyms(fields)
    out: dict[str, str] = {}
    for pair in _PAIR_SPLIT.split(normalize_text(text)):
        key, sep, value = pair.replace("＝", "=").partition("=")
        field = synonyms.match(key)
        if not sep or field is None:
            known = "、".join(w[0] if w else k for k, w in REQUEST_FIELDS.items() if k not in ("request_no",))
            raise InputError(messages.text("triage_new_bad_key", lang, text=text, key=key.strip(), known=known))
        out[field] = value.strip()
    if not out.get("subject"):
        raise InputError(messages.text("triage_new_no_subject", lang, text=text))
    return out


def read_new(texts: list[str], as_of: dt.datetime, settings: Settings, config: Any,
             lang: str = "ja") -> tuple[list[dict], list]:
    """The ``--new`` requests as records of the requests frame, and their notes (Issues)."""
    reader = RequestSheetReader(as_of.date(), settings, relative=True)
    log = RowLog(NEW_SOURCE, "")
    records = []
    for n, text in enumerate(texts):
        cells = split_pairs(text, config, lang)
        cells.setdefault("received", as_of.date())
        try:
            record = reader.row(cells, log, n, {}, {})
        except RowProblem as p:
            problem = RowLog(NEW_SOURCE, "")
            p.reject(problem, n, "")
            raise InputError(f"--new {text!r}: " + problem.issues[0].message(lang)) from None
        record.update(source_file=NEW_SOURCE, source_sheet="", source_row=n + 1)
        records.append({c: record.get(c) for c in REQUEST_COLUMNS})
    return records, log.issues
