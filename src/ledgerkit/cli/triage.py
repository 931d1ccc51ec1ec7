"""``ledgerkit triage``: which request first, who does it, and what slips when an urgent one arrives."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import ConfigOption, ForceOption, LangOption, OutputOption, fail, load, precheck_output, say
from ledgerkit.core.errors import LedgerkitError
from ledgerkit.core.messages import text


def triage(
    requests: Annotated[
        list[Path],
        typer.Argument(help="依頼一覧 workbooks: files, folders or globs (件名, 期限, 見積工数, 担当, 状態 …)."),
    ],
    staff: Annotated[
        list[Path],
        typer.Option("--staff", help="担当者一覧 workbook(s): 氏名, 1日の稼働時間, 得意, 不得意, 休暇 (may be the same workbook)."),
    ],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The moment of the triage: '2026-12-02 10:00' (default: now).")] = None,
    new: Annotated[
        Optional[list[str]],
        typer.Option("--new", help="An urgent request not in the list, '件名=…,期限=…,見積工数=…,依頼者=…' (repeatable): "
                                   "shows what it makes slip."),
    ] = None,
    hours: Annotated[
        Optional[list[Path]],
        typer.Option("--hours", help="Hours already booked (工数表: meetings, routine work), taken off each person's day."),
    ] = None,
    top: Annotated[Optional[int], typer.Option("-n", "--top", help="Requests of the queue shown (default: triage.top, 10).")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Rank the requests, assign them by capacity and strengths, and show who is overloaded.

    Exit codes: 0 every open request is planned to finish on time; 1 a request is overdue,
    at risk of missing its due time, or cannot be planned; 2 usage, or a workbook that
    cannot be read.

    Example: ledgerkit triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" --new "件名=監査対応,期限=今日 17:00,見積工数=3h,依頼者=佐藤部長" -o out/board.xlsx
    """
    from ledgerkit.cli.terminal import print_file_warnings
    from ledgerkit.workload.planner import triage as run_triage
    from ledgerkit.workload.summary import has_risk, summary_lines

    config = load(config_path, lang)
    lang = config.lang
    precheck_output(output, config.lang, force, inputs=[*requests, *staff, *(hours or [])])
    if top is not None and top < 1:
        fail(text("triage_bad_top", lang, value=top))
    try:
        result = run_triage(requests, staff, as_of=as_of, new=new or [], hours=hours or None, config=config)
    except LedgerkitError as e:
        fail(e)
    for line in summary_lines(result, lang, top=top, report=bool(output and output.lower().endswith(".xlsx"))):
        say(line)
    # files left out (ledgerkit's own board saved among the inputs, a lock file): named
    print_file_warnings(result.issues, lang)
    try:
        if output:
            result.write(output, lang=lang, overwrite=force)
            if output != "-":
                say(text("wrote", lang, path=output))
    except LedgerkitError as e:
        fail(e)
    if has_risk(result):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("triage", rich_help_panel="Plan")(triage)
