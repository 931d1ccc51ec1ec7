"""The triage's tables as DataFrames: the requests in priority order, the load, the overloads,
the risks and the what-if changes.

Column names are the documented machine-readable ones (``-o .csv`` / ``.json`` keep them);
the xlsx report shows :data:`HEADINGS` and the words of :data:`STATE_WORDS` and
:data:`RISK_WORDS` in the report's language.
"""

from __future__ import annotations

import math

from ledgerkit.workload.priority import AFTER_QUEUE, AT_RISK, OVERDUE, UNPLANNED, Item
from ledgerkit.workload.reasons import assign_reason, priority_reason
from ledgerkit.workload.settings import DONE, IN_PROGRESS, ON_HOLD, OPEN
from ledgerkit.workload.timeline import Timeline

#: the columns of the requests frame, in order
FRAME_COLUMNS = ["rank", "request_no", "subject", "category", "requester", "role", "importance", "received", "due",
                 "status", "effort", "remaining", "owner", "assigned_by", "planned_start", "planned_finish", "risk",
                 "earliest_finish", "earliest_owner", "available_hours", "slack_hours", "reason", "assign_reason",
                 "new", "source_file", "source_sheet", "source_row"]

#: column → (Japanese, English) heading on the xlsx report
HEADINGS: dict[str, tuple[str, str]] = {
    "rank": ("順位", "Rank"),
    "rank_before": ("元の順位", "Rank before"),
    "request_no": ("依頼番号", "Request no."),
    "subject": ("件名", "Subject"),
    "category": ("種別", "Category"),
    "requester": ("依頼者", "Requester"),
    "role": ("役職", "Role"),
    "importance": ("重要度", "Importance"),
    "received": ("受付日", "Received"),
    "due": ("期限", "Due"),
    "status": ("状態", "Status"),
    "effort": ("見積工数(h)", "Estimate (h)"),
    "remaining": ("残工数(h)", "Remaining (h)"),
    "owner": ("担当", "Owner"),
    "assigned_by": ("割り当て", "Assigned by"),
    "planned_start": ("開始予定", "Planned start"),
    "planned_finish": ("完了予定", "Planned finish"),
    "risk": ("リスク", "Risk"),
    "earliest_finish": ("最短の完了", "Earliest finish"),
    "earliest_owner": ("最短で終える人", "Earliest by"),
    "available_hours": ("期限までの営業時間(h)", "Business hours to due"),
    "slack_hours": ("余裕(h)", "Slack (h)"),
    "reason": ("優先の理由", "Why this rank"),
    "assign_reason": ("担当の理由", "Why this owner"),
    "new": ("追加", "New"),
    "person": ("担当", "Person"),
    "date": ("日付", "Date"),
    "capacity": ("稼働(h)", "Capacity (h)"),
    "booked": ("予約済み(h)", "Booked (h)"),
    "planned": ("計画(h)", "Planned (h)"),
    "free": ("空き(h)", "Free (h)"),
    "load": ("負荷率", "Load"),
    "over": ("超過", "Over"),
    "requests": ("依頼", "Requests"),
    "kind": ("区分", "Kind"),
    "first_day": ("開始日", "From"),
    "last_day": ("終了日", "To"),
    "load_hours": ("負荷(h)", "Load (h)"),
    "suggestion": ("提案", "Suggestion"),
    "move_request": ("動かす依頼の順位", "Rank to move"),
    "move_to": ("移す先", "Move to"),
    "owner_before": ("元の担当", "Owner before"),
    "owner_after": ("新しい担当", "Owner after"),
    "finish_before": ("元の完了予定", "Finish before"),
    "finish_after": ("新しい完了予定", "Finish after"),
    "delay_hours": ("遅れ(営業h)", "Delay (business h)"),
    "owner_changed": ("担当変更", "Owner changed"),
    "later": ("遅れる", "Later"),
    "now_late": ("期限超過になる", "Now late"),
    "change": ("影響", "What changes"),
    "source_file": ("元ファイル", "Source file"),
    "source_sheet": ("元シート", "Source sheet"),
    "source_row": ("元行", "Source row"),
}

STATE_WORDS = {OPEN: ("未着手", "open"), IN_PROGRESS: ("対応中", "in progress"), DONE: ("完了", "done"),
               ON_HOLD: ("保留", "on hold")}
RISK_WORDS = {OVERDUE: ("期限切れ", "overdue"), AT_RISK: ("期限リスク", "at risk"), UNPLANNED: ("計画外", "unplanned")}
ASSIGNED_WORDS = {"list": ("一覧", "list"), "triage": ("自動", "triage")}
KIND_WORDS = {"day": ("日", "day"), "week": ("週", "week")}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def ordered(items: list[Item]) -> list[Item]:
    """The queue in rank order, then 保留, then 完了 (each in the order read)."""
    queue = sorted((i for i in items if i.rank is not None), key=lambda i: i.rank)
    rest = sorted((i for i in items if i.rank is None), key=lambda i: (AFTER_QUEUE.get(i.state, 2), i.order))
    return queue + rest


def _hours(minutes: float) -> float | None:
    return None if math.isinf(minutes) else round(minutes / 60, 2)


def item_record(item: Item, timeline: Timeline, lang: str) -> dict:
    return {
        "rank": item.rank, "request_no": item.request_no, "subject": item.subject, "category": item.category,
        "requester": item.requester, "role": item.role, "importance": item.importance, "received": item.received,
        "due": item.due, "status": item.state, "effort": item.effort, "remaining": round(item.remaining, 2),
        "owner": item.owner or item.owner_given, "assigned_by": item.assigned_by,
        "planned_start": item.start, "planned_finish": item.finish, "risk": item.risk,
        "earliest_finish": item.earliest if item.risk else None,
        "earliest_owner": item.earliest_owner if item.risk else "",
        "available_hours": _hours(item.available) if item.is_open and item.due is not None else None,
        "slack_hours": _hours(item.slack) if item.is_open and item.due is not None else None,
        "reason": priority_reason(item, timeline, lang), "assign_reason": assign_reason(item, timeline, lang),
        "new": item.is_new, "source_file": item.source[0], "source_sheet": item.source[1],
        "source_row": item.source[2],
    }


def requests_frame(items: list[Item], timeline: Timeline, lang: str = "ja"):
    """One row per request: the queue in rank order, then 保留 and 完了."""
    import pandas as pd

    records = [item_record(i, timeline, lang) for i in ordered(items)]
    frame = pd.DataFrame.from_records(records, columns=FRAME_COLUMNS)
    return frame.astype({"rank": "Int64", "source_row": "Int64"})


def table(records: list[dict], columns: list[str], ints: tuple[str, ...] = ()):
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=columns)
    return frame.astype({c: "Int64" for c in ints}) if ints else frame
