"""``ledgerkit settle``: settle dispatched staff's hours under their contracts' bands (``ledgerkit.settle``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import (
    ConfigOption,
    LangOption,
    ForceOption,
    SkipBadOption,
    OutputOption,
    fail,
    load,
    precheck_output,
    say,
)
from ledgerkit.cli.ledger import RecordOption
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
    force: ForceOption = False,
    skip_bad: SkipBadOption = False,
    record: RecordOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Settle each person's month under the contract's hour band (精算幅), and check invoices.

    Exit 1 when an invoice does not bill the settled amount, or is missing.

    Example: ledgerkit settle examples/attendance/勤務表 --contracts examples/attendance/契約一覧.xlsx --invoices examples/attendance/請求書一覧_2026年10月.xlsx -o out/settlement.xlsx
    """
    from ledgerkit.core.issues import has_errors
    from ledgerkit.settlement.months import settle as run_settle

    config = load(config_path, lang)
    precheck_output(output, config.lang, force, inputs=[*attendance, contracts, *(invoices or [])])
    try:
        result = run_settle(attendance, contracts, invoices=invoices or None, month=month, config=config,
                            skip_bad=skip_bad)
        if output:
            result.write(output, lang=config.lang, overwrite=force)
    except LedgerkitError as e:
        fail(e)
    _print_summary(result, config.lang, output)
    if record:
        from ledgerkit.cli.ledger import record_and_say

        record_and_say(result, config)
    if has_errors(result.issues):
        raise typer.Exit(code=1)


def _print_summary(result, lang: str, output: str | None) -> None:
    """On stderr: every error, the warnings in one line, and what was settled (and written)."""
    problems = [i for i in result.issues if i.severity == "error"]
    for i in problems:
        say(f"{i.location(lang)}: {i.message(lang)}" if i.location(lang) else i.message(lang))
    warnings = [i for i in result.issues if i.severity == "warning"]
    if warnings:
        first = warnings[0]
        where = f"{first.location(lang)}: " if first.location(lang) else ""
        say(text("settle_warnings", lang, count=len(warnings), where=where, message=first.message(lang))
            + ("" if output and output.lower().endswith(".xlsx") else text("settle_warnings_all", lang)))
    frame = result.frame
    total = int(frame["amount"].sum()) if len(frame) else 0
    what = text("settle_summary", lang, count=len(frame), total=f"{total:,}")
    if result.meta.get("invoices"):
        what += text("settle_findings", lang, count=len(problems))
    say(what + (text("settle_wrote", lang, path=output) if output and output != "-" else ""))


def register(app: typer.Typer) -> None:
    app.command("settle", rich_help_panel="Check")(settle)
