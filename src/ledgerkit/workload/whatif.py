"""What slips when an urgent request arrives: the same triage with and without ``--new``.

For every request planned in both runs, the run with the new requests is compared to
the run without them: a request **changes owner** when another person now does it,
**finishes later** when its planned finish moves later (by any business minute), and
**now misses its deadline** when it was on time before and is now 期限リスク or 計画外. The
requests with none of these are not listed.
"""

from __future__ import annotations

from ledgerkit.core import messages
from ledgerkit.workload.priority import AT_RISK, UNPLANNED, Item
from ledgerkit.workload.reasons import hours_text, moment_text

#: the columns of the changes table, in order
CHANGE_COLUMNS = ["rank", "rank_before", "request_no", "subject", "due", "owner_before", "owner_after",
                  "finish_before", "finish_after", "delay_hours", "owner_changed", "later", "now_late", "change",
                  "source_file", "source_sheet", "source_row"]

_LATE = (AT_RISK, UNPLANNED)


def compare_runs(before: list[Item], after: list[Item], year: int, lang: str = "ja") -> list[dict]:
    """One record per request the new requests move, in the new run's priority order."""
    earlier = {i.key: i for i in before}
    out = []
    for a in sorted((i for i in after if i.rank is not None), key=lambda i: i.rank):
        b = earlier.get(a.key)
        if b is None or b.rank is None:
            continue
        changed = a.owner != b.owner
        later = a.finish_position > b.finish_position + 1e-9
        now_late = a.risk in _LATE and b.risk == ""
        if not (changed or later or now_late):
            continue
        delay = (a.finish_position - b.finish_position) / 60 if later and a.finish is not None else None
        words = []
        if changed:
            words.append(messages.text("triage_c_owner", lang, before=b.owner or "-", after=a.owner or "-"))
        if later:
            words.append(messages.text("triage_c_later", lang, hours=hours_text(delay)) if delay is not None
                         else messages.text("triage_c_unplanned", lang))
        if now_late:
            words.append(messages.text("triage_c_now_late", lang))
        out.append({
            "rank": a.rank, "rank_before": b.rank, "request_no": a.request_no, "subject": a.subject, "due": a.due,
            "owner_before": b.owner, "owner_after": a.owner, "finish_before": b.finish, "finish_after": a.finish,
            "delay_hours": delay, "owner_changed": changed, "later": later, "now_late": now_late,
            "change": ("、" if lang == "ja" else "; ").join(words),
            "source_file": a.source[0], "source_sheet": a.source[1], "source_row": a.source[2],
        })
    return out


def change_line(record: dict, year: int, lang: str = "ja") -> str:
    """One line of the terminal's what-if: ``#5 月次集計 (田中): 遅れ +3h、期限に間に合わなくなる (12/3 17:00)``."""
    due = moment_text(record["due"], year) if record["due"] is not None else "-"
    return messages.text("triage_change_line", lang, rank=record["rank"], subject=record["subject"],
                         owner=record["owner_after"] or "-", change=record["change"], due=due)
