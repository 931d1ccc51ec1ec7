"""``ledgerkit schedule``: candidate meeting times for busy people, and the message proposing them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import ConfigOption, ForceOption, LangOption, OutputOption, fail, load, precheck_output, precheck_output_file, say
from ledgerkit.core.errors import LedgerkitError
from ledgerkit.core.messages import text


def schedule(
    calendars: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Calendars: .ics files, folders of them, 予定表 workbooks (氏名, 日付, 開始, 終了, 件名)."),
    ] = None,
    duration: Annotated[Optional[str], typer.Option("--duration", help="Length of the meeting: 60 (minutes), 1h, 90分 (default: schedule.duration).")] = None,
    between: Annotated[Optional[str], typer.Option("--between", help="Days searched, both included: 2026-12-07..2026-12-18 (default: the next schedule.window_days).")] = None,
    hours: Annotated[Optional[str], typer.Option("--hours", help="Working hours searched: 09:00-18:00.")] = None,
    lunch: Annotated[Optional[str], typer.Option("--lunch", help="Lunch break left free: 12:00-13:00 ('' for none).")] = None,
    buffer: Annotated[Optional[int], typer.Option("--buffer", help="Minutes kept free before and after other meetings.")] = None,
    required: Annotated[Optional[list[str]], typer.Option("--required", help="Who must come: names as in the calendars, or files (A.ics,B.ics). Default: every calendar's person.")] = None,
    optional: Annotated[Optional[list[str]], typer.Option("--optional", help="Who should come if they can (ranks the slots): names or files.")] = None,
    count: Annotated[Optional[int], typer.Option("-n", help="How many candidates to show (default: schedule.count, 5).")] = None,
    tz: Annotated[Optional[str], typer.Option("--tz", help="Time zone of the slots; events are converted to it (default Asia/Tokyo).")] = None,
    include_tentative: Annotated[Optional[bool], typer.Option("--include-tentative/--no-include-tentative", help="Also propose slots over tentative (仮) events, marked with whose they are.")] = None,
    assume_free: Annotated[Optional[list[str]], typer.Option("--assume-free", help="People whose 予定表 rows could none be read, to be taken as free anyway (without it no slot is proposed while a required person's times are unknown).")] = None,
    draft: Annotated[Optional[str], typer.Option("--draft", help="Write the 日程調整 message with the first three candidates to this file (- for stdout).")] = None,
    template: Annotated[Optional[str], typer.Option("--template", help="Template of the message: a bundled name or a path (default schedule_request.txt.j2).")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Find times when every required person is free, and draft the message proposing them.

    Exit codes: 0 candidates found; 1 no slot has every required person free (the
    nearest are shown, naming who is busy), or a required person's 予定表 rows could none be
    read (no slot proposed; --assume-free NAME takes them as free); 2 usage, or a calendar
    that cannot be read.

    Example: ledgerkit schedule examples/calendars --between 2026-12-07..2026-12-18 --required 佐藤部長,鈴木課長 --optional 田中 --draft out/日程調整.txt
    """
    from ledgerkit.scheduling.finder import find_slots
    from ledgerkit.scheduling.labels import slot_line
    from ledgerkit.scheduling.message import render_request, write_request
    from ledgerkit.scheduling.report import conditions

    config = load(config_path, lang)
    lang = config.lang
    precheck_output(output, config.lang, force, inputs=calendars or [])
    precheck_output_file(draft, lang, force, inputs=calendars or [])
    try:
        result = find_slots(calendars or [], duration=duration, between=between, hours=hours, lunch=lunch,
                            buffer=buffer, required=required, optional=optional, n=count, tz=tz,
                            include_tentative=include_tentative, assume_free=assume_free, config=config)
    except LedgerkitError as e:
        fail(e, lang=lang)
    unreadable = [i for i in result.issues if i.code in ("sched_ics_unreadable", "sched_ics_too_many")]
    if unreadable:
        fail("\n".join(f"{i.file}: {i.message(lang)}" for i in unreadable))
    _warn(result, lang, output)
    meta = result.meta
    _refuse_unread(result, lang, output, force)
    total_optional = len(meta["optional"])
    say(text("sched_found" if meta["found"] else "sched_none", lang, conditions=conditions(meta, lang)))
    for slot in meta["proposed"]:
        say("  " + slot_line(slot, total_optional, lang))
    try:
        if output:
            result.write(output, lang=lang, overwrite=force)
            if output != "-":
                say(text("wrote", lang, path=output))
        if draft and meta["found"]:
            written = write_request(render_request(result, template=template, config=config), draft,
                                    inputs=result.files, lang=lang, overwrite=force)
            if written is not None:
                say(text("sched_wrote_draft", lang, path=draft))
        elif draft:
            say(text("sched_no_draft", lang))
    except LedgerkitError as e:
        fail(e, lang=lang)
    if not meta["found"]:
        raise typer.Exit(code=1)


def _warn(result, lang: str, output: str | None) -> None:
    """One line for the rows and files not used (all of them are on the report's Issues sheet)."""
    # errors and warnings counted apart (notes are on the Issues sheet only); an error is the example
    errors = [i for i in result.issues if i.severity == "error"]
    warnings = [i for i in result.issues if i.severity == "warning"]
    if not errors and not warnings:
        return
    first = (errors or warnings)[0]
    where = f"{first.location(lang)}: " if first.location(lang) else ""
    line = text("sched_rows_skipped", lang, errors=len(errors), warnings=len(warnings),
                es="" if len(errors) == 1 else "s", ws="" if len(warnings) == 1 else "s",
                where=where, message=first.message(lang))
    say(line + ("" if output and output.lower().endswith(".xlsx") else text("sched_issues_all", lang)))


def _refuse_unread(result, lang: str, output: str | None, force: bool) -> None:
    """Each person whose 予定表 rows could not be read, one line each (the one summary line of
    ``_warn`` names only the first row skipped); with a required one among them, no slot is
    proposed: a time proposed to them could clash. Exit 1, the report written if asked for."""
    for i in result.issues:
        if i.code.startswith("sched_person_"):
            say(f"  {i.location(lang)}: {i.message(lang)}")
    unread = result.meta["unread"]
    if not unread:
        return
    if output:
        try:
            result.write(output, lang=lang, overwrite=force)
        except LedgerkitError as e:
            fail(e, lang=lang)
    names = "、".join(unread) if lang == "ja" else ", ".join(unread)
    fail(text("sched_unread_refused", lang, names=names, first=unread[0]), code=1)


def register(app: typer.Typer) -> None:
    app.command("schedule", rich_help_panel="Drafts")(schedule)
