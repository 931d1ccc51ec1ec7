"""What ``ledgerkit triage`` prints: the top of the queue, the risks, the overloaded people,
and with ``--new`` what the new requests make slip — as lines of text (the CLI prints them;
a script may too).
"""

from __future__ import annotations

from ledgerkit.core import messages
from ledgerkit.workload.frames import RISK_WORDS, pick
from ledgerkit.workload.priority import Item
from ledgerkit.workload.reasons import day_text, moment_text
from ledgerkit.workload.report import conditions
from ledgerkit.workload.settings import DONE, ON_HOLD
from ledgerkit.workload.whatif import change_line


def has_risk(result) -> bool:
    """True when a request is overdue, at risk or cannot be planned (the command then exits 1)."""
    return bool((result.frame["risk"] != "").any())


def _due(item: Item, year: int, lang: str) -> str:
    return moment_text(item.due, year) if item.due is not None else messages.text("triage_no_due_word", lang)


def _owner(item: Item, lang: str) -> str:
    return item.owner or item.owner_given or messages.text("triage_nobody", lang)


def summary_lines(result, lang: str = "ja", *, top: int | None = None, report: bool = False) -> list[str]:
    """The terminal's lines for a ``triage`` Result (``report``: an xlsx with the Issues sheet is written)."""
    t = lambda code, **p: messages.text(code, lang, **p)
    meta = result.meta
    items: list[Item] = meta["items"]
    year = meta["as_of"].year
    queue = sorted((i for i in items if i.rank is not None), key=lambda i: i.rank)
    count = top or meta["settings"].top
    lines = [t("triage_summary", total=len(items), open=len(queue), hold=sum(i.state == ON_HOLD for i in items),
               done=sum(i.state == DONE for i in items), people=len(meta["people"]), conditions=conditions(meta, lang))]
    lines.append(t("triage_queue_head", n=min(count, len(queue)), total=len(queue)))
    frame = {r: reason for r, reason in zip(result.frame["rank"].tolist(), result.frame["reason"].tolist())}
    for item in queue[:count]:
        mark = f"[{pick(RISK_WORDS[item.risk], lang)}] " if item.risk else ""
        lines.append(t("triage_queue_line", rank=item.rank, mark=mark, subject=item.subject, due=_due(item, year, lang),
                       owner=_owner(item, lang), reason=frame.get(item.rank, "")))
    lines += _risk_lines(queue, year, lang)
    lines += _overload_lines(meta, year, lang)
    if meta["new"]:
        lines += _new_lines(result, queue, year, lang, count, report)
    lines += _issue_lines(result, lang, report)
    return lines


def _risk_lines(queue: list[Item], year: int, lang: str) -> list[str]:
    risky = [i for i in queue if i.risk]
    if not risky:
        return [messages.text("triage_no_risks", lang)]
    out = [messages.text("triage_risks_head", lang, count=len(risky))]
    for item in risky:
        finish = moment_text(item.finish, year) if item.finish else "-"
        earliest = ""
        if item.earliest is not None and item.earliest_owner and (item.earliest_owner != _owner(item, lang)
                                                                   or item.earliest != item.finish):
            earliest = messages.text("triage_risk_earliest", lang, finish=moment_text(item.earliest, year),
                                     name=item.earliest_owner)
        out.append(messages.text("triage_risk_line", lang, rank=item.rank, subject=item.subject,
                                 owner=_owner(item, lang), risk=pick(RISK_WORDS[item.risk], lang),
                                 due=_due(item, year, lang), finish=finish, earliest=earliest))
    return out


def _overload_lines(meta: dict, year: int, lang: str) -> list[str]:
    overloads = meta["overloads"]
    if not overloads:
        return [messages.text("triage_no_overloads", lang)]
    days = meta["timeline"].days
    out = [messages.text("triage_overloads_head", lang, count=len(overloads))]
    for o in overloads:
        first, last = days[o.days[0]], days[o.days[-1]]
        period = (messages.text("triage_period_day", lang, day=day_text(first, year)) if o.kind == "day" else
                  messages.text("triage_period_week", lang, first=day_text(first, year), last=day_text(last, year)))
        share = f"{round(o.share * 100)}%" if o.capacity else "-"
        out.append(messages.text("triage_overload_line", lang, person=o.person, period=period, share=share,
                                 suggestion=o.suggestion))
    return out


def _new_lines(result, queue: list[Item], year: int, lang: str, count: int, report: bool) -> list[str]:
    out = [messages.text("triage_new_head", lang)]
    for item in (i for i in queue if i.is_new):
        risk = f" [{pick(RISK_WORDS[item.risk], lang)}]" if item.risk else ""
        out.append(messages.text("triage_new_line", lang, rank=item.rank, subject=item.subject, owner=_owner(item, lang),
                                 finish=moment_text(item.finish, year) if item.finish else "-", risk=risk))
    records = result.meta["changes"]
    if not records:
        return [*out, messages.text("triage_changes_none", lang)]
    out.append(messages.text("triage_changes_head", lang, count=len(records)))
    # the requests that now miss their deadline first, then the others in priority order
    shown = sorted(records, key=lambda r: (not r["now_late"], r["rank"]))[:count]
    out += [change_line(r, year, lang) for r in shown]
    if len(records) > len(shown):
        where = "" if report else messages.text("triage_more_where", lang)
        out.append(messages.text("triage_more_changes", lang, count=len(records) - len(shown), where=where))
    return out


def _issue_lines(result, lang: str, report: bool) -> list[str]:
    # errors and warnings counted apart (notes are on the Issues sheet only); an error is the example
    errors = [i for i in result.issues if i.severity == "error"]
    warnings = [i for i in result.issues if i.severity == "warning"]
    if not errors and not warnings:
        return []
    first = (errors or warnings)[0]
    where = f"{first.location(lang)}: " if first.location(lang) else ""
    line = messages.text("triage_rows_skipped", lang, errors=len(errors), warnings=len(warnings),
                         es="" if len(errors) == 1 else "s", ws="" if len(warnings) == 1 else "s",
                         where=where, message=first.message(lang))
    return [line + ("" if report else messages.text("triage_issues_all", lang))]
