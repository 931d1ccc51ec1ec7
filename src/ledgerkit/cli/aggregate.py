"""``ledgerkit aggregate`` and ``ledgerkit inspect``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import (
    ConfigOption,
    LangOption,
    ForceOption,
    SkipBadOption,
    OutputOption,
    StrictOption,
    console,
    fail,
    handle_errors,
    load,
    precheck_output,
    say,
)
from ledgerkit.cli.kinds import kind_completion
from ledgerkit.cli.ledger import RecordOption
from ledgerkit.core.errors import LedgerkitError
from ledgerkit.core.messages import text


PathsArg = Annotated[list[str], typer.Argument(help="Workbooks, folders (read recursively) or glob patterns.")]
KindOption = Annotated[
    str,
    typer.Option("--kind", autocompletion=kind_completion,
                 help="What the workbooks hold: auto (find out per sheet among the built-in kinds), hours, invoices, "
                 "attendance, or a kind declared as \\[kinds.NAME] in ledgerkit.toml (list them: ledgerkit kinds)."),
]
HiddenOption = Annotated[bool, typer.Option("--include-hidden", help="Read hidden and very hidden sheets too.")]
PersonOption = Annotated[
    Optional[str],
    typer.Option("--person", help="Whose sheets these are, when the name is in no cell, sheet name or file name "
                 "(a personal 勤務表 or 工数表 saved as Sheet1)."),
]
JobsOption = Annotated[
    Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes reading files (default: one per core).")
]


def _progress_bar(total_hint: int):
    """A rich progress callback on stderr, shown only on a terminal and with several files."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not console().is_terminal:
        # a log file or a pipe gets the summary, not a bar's leftover blank line
        return (lambda done, total: None), (lambda: None)

    progress = Progress(
        TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console(), transient=True
    )
    state = {"task": None}

    def update(done: int, total: int) -> None:
        if total < 4:
            return
        if state["task"] is None:
            progress.start()
            state["task"] = progress.add_task("read", total=total)
        progress.update(state["task"], completed=done)
        if done >= total:
            stop()

    def stop() -> None:
        if state["task"] is not None and progress.live.is_started:
            progress.stop()

    return update, stop


def aggregate(
    paths: PathsArg,
    kind: KindOption = "auto",
    by: Annotated[
        Optional[str],
        typer.Option(
            "--by",
            help="Summary fields, comma-separated, by name or as the reports head them (案件,氏名,月); "
            "the last one goes across (default: the kind's by, for hours project,person,month).",
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    skip_bad: SkipBadOption = False,
    include_hidden: HiddenOption = False,
    strict: StrictOption = False,
    person: PersonOption = None,
    jobs: JobsOption = None,
    record: RecordOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Consolidate the rows of many workbooks into one report.

    Any list declared as \\[kinds.NAME] in ledgerkit.toml is consolidated with --kind NAME.

    Example: ledgerkit aggregate examples/hours -o out/hours_report.xlsx
    """
    from ledgerkit.consolidate.aggregate import aggregate as run_aggregate
    from ledgerkit.cli.kinds import print_list_summary
    from ledgerkit.cli.terminal import nothing_consolidated, print_summary
    from ledgerkit.kinds import KIND_WORDS
    from ledgerkit.consolidate.aggregate import check_by, write_result

    config = _with_person(load(config_path, lang), person)
    precheck_output(output, config.lang, force, inputs=paths)
    update, stop_progress = _progress_bar(len(paths))
    try:
        result = run_aggregate(
            paths,
            kind=kind,
            config=config,
            include_hidden=include_hidden or None,
            skip_bad=skip_bad,
            jobs=jobs,
            progress=update,
        )
        by_fields = [b.strip() for b in by.split(",") if b.strip()] if by else list(result.meta.get("by", []))
        if by or result.kind == "hours":
            by_fields = check_by(result, by_fields, config.lang)
        if output:
            write_result(result, output, by=by_fields, lang=config.lang, overwrite=force)
    except LedgerkitError as e:
        from ledgerkit.reports.text_safety import terminal_safe

        stop_progress()
        for line in str(e).splitlines():
            typer.echo(terminal_safe(f"Error: {line}"), err=True)
        raise typer.Exit(code=e.exit_code) from None
    if result.meta.get("spec") is not None and result.meta["spec"].reader == "generic":
        # a declared kind: its own table first (the summary below lists the issues and the counts)
        print_list_summary(result, by_fields, lang=config.lang)
    print_summary(result, by=by_fields, lang=config.lang, to_stdout=output == "-")
    if output and output != "-":
        say(text("wrote", config.lang, path=output))
    if record:
        from ledgerkit.cli.ledger import record_and_say

        record_and_say(result, config)
    declared = [n for n in config.kind_names() if n not in KIND_WORDS] if kind == "auto" else []
    empty = nothing_consolidated(result, config.lang, declared)
    if empty:
        # files were read and nothing came of them: exit 2, and say why in one line (issue 13)
        fail(empty)
    if strict and any(i.severity in ("error", "warning") for i in result.issues):
        raise typer.Exit(code=1)


def _with_person(config, person: str | None):
    if person:
        config.data["read"]["person"] = person
        config.sources["read.person"] = "--person"
    return config


def inspect(
    paths: PathsArg,
    kind: KindOption = "auto",
    person: PersonOption = None,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Show how ledgerkit sees each workbook: sheets, header rows, columns, skipped rows.

    Example: ledgerkit inspect examples/hours/工数_2026年10月_山田太郎.xlsx
    """
    from ledgerkit.consolidate.inspection import inspect as run_inspect
    from ledgerkit.cli.terminal import print_inspection

    config = _with_person(load(config_path, lang), person)
    try:
        reports = run_inspect(paths, kind=kind, config=config)
    except LedgerkitError as e:
        fail(e)
    bad = print_inspection(reports, lang=config.lang)
    if bad:
        raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("aggregate", rich_help_panel="Consolidate")(handle_errors(aggregate))
    app.command("inspect", rich_help_panel="Consolidate")(handle_errors(inspect))
