"""The 担当別 board: person × business day, hours planned against capacity, as a heat map.

Two rows per person: 予定 (booked + planned hours) and 稼働 (capacity: the capacity line);
a column per business day from the as-of date (``[triage] board_days`` of them, or up to
the last planned day), then 以降 (planned after those days), 計 and 負荷率 (the days
shown). The 予定 cells are coloured by their share of that day's capacity: red above
100 %, orange at ``[triage] weekly_share`` or more, yellow for some work, grey on a day
off. Team totals close the board. Printed A4 landscape, one page wide, the header row
and the name columns repeated on every page.
"""

from __future__ import annotations

from typing import Any

from ledgerkit.core import messages
from ledgerkit.workload.reasons import weekday_text

#: fill and font of each level of the heat map
_COLOURS = {
    "off": {"bg_color": "#D9D9D9", "font_color": "#595959"},
    "over": {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True},
    "full": {"bg_color": "#F8CBAD", "font_color": "#833C0B"},
    "some": {"bg_color": "#FFF2CC"},
}


def board_frame(result, lang: str = "ja"):
    """The board's cells as a frame (columns: 担当, 区分, the days, 以降, 計, 負荷率)."""
    import pandas as pd

    meta = result.meta
    timeline, days = meta["timeline"], meta["days"]
    year = meta["as_of"].year
    words = _words(lang)
    day_cols = [weekday_text(d, year, lang) for d in days]
    records = []
    totals_plan, totals_cap = [0.0] * len(days), [0.0] * len(days)
    later_total = 0.0
    for plan in meta["plans"]:
        n = len(days)
        used = [(plan.booked[i] + plan.planned[i]) / 60 for i in range(n)]
        cap = [plan.capacity[i] / 60 for i in range(n)]
        later = sum(plan.planned[n:timeline.horizon]) / 60
        records.append([plan.staff.name, words["plan"], *used, later, sum(used),
                        sum(used) / sum(cap) if sum(cap) else None])
        records.append(["", words["capacity"], *cap, None, sum(cap), None])
        totals_plan = [a + b for a, b in zip(totals_plan, used)]
        totals_cap = [a + b for a, b in zip(totals_cap, cap)]
        later_total += later
    records.append([words["team"], words["plan"], *totals_plan, later_total, sum(totals_plan),
                    sum(totals_plan) / sum(totals_cap) if sum(totals_cap) else None])
    records.append(["", words["capacity"], *totals_cap, None, sum(totals_cap), None])
    columns = [words["person"], words["row"], *day_cols, words["later"], words["total"], words["load"]]
    return pd.DataFrame.from_records(records, columns=columns), day_cols


def _words(lang: str) -> dict[str, str]:
    return {k: messages.text(f"triage_board_{k}", lang)
            for k in ("person", "row", "plan", "capacity", "team", "later", "total", "load", "title", "legend")}


def add_board(report, result, lang: str = "ja") -> Any:
    """Write the board sheet on ``report``; returns its TableRef."""
    from xlsxwriter.utility import xl_col_to_name

    meta = result.meta
    words = _words(lang)
    frame, day_cols = board_frame(result, lang)
    formats = {c: "hours" for c in frame.columns[2:]}
    formats[words["load"]] = "percent"
    formats[words["person"]] = formats[words["row"]] = "text"
    share = meta["settings"].weekly_share
    title = messages.text("triage_board_title", lang, as_of=_when(meta["as_of"]), share=f"{round(share * 100)}%")
    ref = report.add_table(messages.text("triage_sheet_board", lang), frame, formats=formats,
                           headings={c: c for c in frame.columns}, table=False, title=title, freeze=False)
    ws, first, last = ref.worksheet, ref.first_row, ref.last_row
    ws.write_string(1, 0, messages.text("triage_board_legend", lang, share=f"{round(share * 100)}%"))
    wb = report.workbook
    label = xl_col_to_name(1)
    top = first + 1  # Excel's row number of the first data row
    a, b = 2, 2 + len(day_cols) - 1
    col = xl_col_to_name(a)
    is_plan = f'${label}{top}="{words["plan"]}"'
    rules = [
        ("off", f"=AND({is_plan},{col}{top + 1}=0)"),
        ("over", f"=AND({is_plan},{col}{top}>{col}{top + 1})"),
        ("full", f"=AND({is_plan},{col}{top}>={col}{top + 1}*{share})"),
        ("some", f"=AND({is_plan},{col}{top}>0)"),
    ]
    if day_cols:
        for level, criteria in rules:
            ws.conditional_format(first, a, last, b, {"type": "formula", "criteria": criteria,
                                                      "format": wb.add_format(_COLOURS[level]), "stop_if_true": True})
    # the capacity line: grey italics under each person's plan, a rule above each person
    ws.conditional_format(first, 0, last, len(frame.columns) - 1, {
        "type": "formula", "criteria": f'=${label}{top}="{words["capacity"]}"',
        "format": wb.add_format({"italic": True, "font_color": "#7F7F7F"})})
    ws.conditional_format(first, 0, last, len(frame.columns) - 1, {
        "type": "formula", "criteria": is_plan, "format": wb.add_format({"top": 1, "top_color": "#808080"})})
    ws.set_column(2, 2 + len(day_cols) + 1, 8.5)
    ws.freeze_panes(first, 2)
    # printed: every page repeats the header row and the name columns
    ws.repeat_rows(ref.header_row)
    ws.repeat_columns(0, 1)
    return ref


def _when(moment) -> str:
    return f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"
