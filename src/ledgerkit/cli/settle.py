"""``ledgerkit settle``: settle dispatched staff's hours under their contracts' bands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import ConfigOption, LangOption, OutputOption, fail, load, precheck_output, say
from ledgerkit.core.errors import LedgerkitError
from ledgerkit.core.messages import text


def settle(
    attendance: Annotated[list[Path], typer.Argument(help="Attendance workbooks (勤務表) or folders.")],
    contracts: Annotated[
        Path, typer.Option("--contracts", "-c", help="Contract list: 氏名, 取引先, 月額単価, 下限, 上限, 精算方法 …", dir_okay=False)
    ],
    month: Annotated[Optional[str], typer.Option("--month", "-m", help="Settle this month only (YYYY-MM).")] = None,
    invoices: Annotated[
        Optional[list[Path]], typer.Option("--invoices", help="Invoice lists to check against the settlement (repeatable).")
    ] = None,
    output: OutputOption = None,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Settle each person's month under the contract's hour band (精算幅), and check invoices.

    Exit 1 when an invoice does not bill the settled amount, or is missing.

    Example: ledgerkit settle examples/attendance --contracts examples/契約一覧.xlsx --invoices examples/請求書一覧_SES.xlsx -o out/settlement.xlsx
    """
    from ledgerkit.core.issues import has_errors
    from ledgerkit.settlement.months import settle as run_settle
    from ledgerkit.settlement.report import write_settlement

    config = load(config_path, lang)
    precheck_output(output)
    try:
        frame, findings = run_settle(attendance, contracts, invoices=invoices or None, month=month, config=config)
        if output:
            write_settlement(frame, findings, output, lang=config.lang,
                             inputs=[*attendance, contracts, *(invoices or [])])
    except LedgerkitError as e:
        fail(e)
    from ledgerkit.reports.text_safety import terminal_safe

    problems = [f for f in findings if f.severity == "error"]
    for f in problems:
        say(terminal_safe(f"{f.location()}: {f.message(config.lang)}" if f.location() else f.message(config.lang)))
    warnings = [f for f in findings if f.severity == "warning"]
    if warnings:
        first = warnings[0]
        where = f"{first.location()}: " if first.location() else ""
        say(terminal_safe(text("settle_warnings", config.lang, count=len(warnings), where=where,
                               message=first.message(config.lang)))
            + ("" if output and output.lower().endswith(".xlsx") else text("settle_warnings_all", config.lang)))
    total = int(frame["amount"].sum()) if len(frame) else 0
    what = text("settle_summary", config.lang, count=len(frame), total=f"{total:,}")
    if invoices:
        what += text("settle_findings", config.lang, count=len(problems))
    say(what + (text("settle_wrote", config.lang, path=output) if output and output != "-" else ""))
    if has_errors(findings):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("settle", rich_help_panel="Check")(settle)
