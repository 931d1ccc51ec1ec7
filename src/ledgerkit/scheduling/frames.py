"""The scheduler's tables: the ranked slots and the busy blocks, as DataFrames.

Column names are the documented machine-readable ones (CSV and JSON keep them); the
xlsx report shows :data:`HEADINGS` in the report's language.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ledgerkit.scheduling.labels import format_slot, slot_note
from ledgerkit.scheduling.people import BUSY_COLUMNS, Busy
from ledgerkit.scheduling.slots import Slot

#: the columns of the slots frame, in order
SLOT_COLUMNS = ["rank", "proposed", "date", "start", "end", "slot", "note", "required_busy", "optional_free",
                "optional_total", "optional_free_names", "optional_busy_names", "tentative", "back_to_back"]

#: column → (Japanese, English) heading on the xlsx report
HEADINGS: dict[str, tuple[str, str]] = {
    "rank": ("順位", "Rank"),
    "proposed": ("候補", "Proposed"),
    "date": ("日付", "Date"),
    "start": ("開始", "Start"),
    "end": ("終了", "End"),
    "slot": ("日時", "Slot"),
    "note": ("参加", "Who can come"),
    "required_busy": ("予定ありの必須者", "Required people busy"),
    "optional_free": ("任意 空き", "Optional free"),
    "optional_total": ("任意 人数", "Optional people"),
    "optional_free_names": ("空いている任意者", "Optional people free"),
    "optional_busy_names": ("予定ありの任意者", "Optional people busy"),
    "tentative": ("仮の予定と重なる人", "Tentative events overlapped"),
    "back_to_back": ("連続する会議", "Back-to-back meetings"),
    "person": ("氏名", "Person"),
    "status": ("状態", "Status"),
    "all_day": ("終日", "All day"),
    "summary": ("件名", "Subject"),
    "source_file": ("元ファイル", "Source file"),
    "source_sheet": ("元シート", "Source sheet"),
    "source_row": ("元行", "Source row"),
}


def _join(names: Iterable[str], lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(names)


def slots_frame(slots: Sequence[Slot], proposed: Sequence[Slot], optional_total: int, lang: str = "ja"):
    """One row per slot, in the order given (ranked): when, who is busy, who can come.

    Examples:
        >>> import datetime as dt
        >>> s = Slot(dt.datetime(2026, 12, 8, 10), dt.datetime(2026, 12, 8, 11))
        >>> slots_frame([s], [s], 0)[["rank", "proposed", "start", "end", "slot", "note"]].values.tolist()
        [[1, True, '10:00', '11:00', '12月8日(火) 10:00〜11:00', '全員可']]
    """
    import pandas as pd

    chosen = set(proposed)
    records = [{
        "rank": i,
        "proposed": s in chosen,
        "date": s.start.date(),
        "start": s.start.strftime("%H:%M"),
        "end": s.end.strftime("%H:%M"),
        "slot": format_slot(s.start, s.end, lang),
        "note": slot_note(s, optional_total, lang),
        "required_busy": _join(s.required_busy, lang),
        "optional_free": len(s.optional_free),
        "optional_total": optional_total,
        "optional_free_names": _join(s.optional_free, lang),
        "optional_busy_names": _join(s.optional_busy, lang),
        "tentative": _join(s.tentative, lang),
        "back_to_back": s.back_to_back,
    } for i, s in enumerate(slots, start=1)]
    return pd.DataFrame.from_records(records, columns=SLOT_COLUMNS)


def busy_frame(blocks: Iterable[Busy]):
    """The busy blocks, one row each, by person and start, with where each came from
    (the calendar file, or the 予定表's file, sheet and Excel row)."""
    import pandas as pd

    rows = sorted(blocks, key=lambda b: (b.person, b.start, b.end, b.source_file))
    frame = pd.DataFrame.from_records([{c: getattr(b, c) for c in BUSY_COLUMNS} for b in rows], columns=BUSY_COLUMNS)
    return frame.astype({"source_row": "Int64"})
