"""``ledgerkit budget``: budget vs actual by project (the library's ``compare_budget``)."""

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


def budget(
    budget_file: Annotated[Path, typer.Argument(help="The budget workbook (予算表).", show_default=False)],
    hours: Annotated[
        list[str],
        typer.Option(
            "--hours",
            help="Hours workbooks: a file, a folder, or a quoted glob such as 'data/*.xlsx'. "
            "For several, repeat the option: --hours a.xlsx --hours b.xlsx.",
        ),
    ],
    rates: Annotated[Path, typer.Option("--rates", help="The rate table (単価表): per person, or per grade.")],
    invoices: Annotated[
        Optional[list[str]],
        typer.Option(
            "--invoices",
            help="Received-invoice lists (their net amounts are the purchases): a file, a folder, or a quoted "
            "glob such as 'data/*.xlsx'. For several, repeat the option: --invoices a.xlsx --invoices b.xlsx.",
        ),
    ] = None,
    through: Annotated[
        Optional[str],
        typer.Option("--through", metavar="YYYY-MM", help="Budget and actuals up to and including this month."),
    ] = None,
    fiscal_year: Annotated[
        Optional[int],
        typer.Option("--fiscal-year", help="Fiscal year of budgets whose months have no year (4月…3月)."),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    strict: Annotated[
        bool, typer.Option(
            "--strict",
            help="Exit 1 when a project is over budget or has actuals but no budget line, "
            "or when an input row could not be read.",
        )
    ] = False,
    skip_bad: SkipBadOption = False,
    record: RecordOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Budget vs actual by project: labor cost from hours × rates, purchases from invoices.

    Example: ledgerkit budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx
    """
    from ledgerkit.budget.comparison import compare_budget

    config = load(config_path, lang)
    precheck_output(output, config.lang, force, inputs=[budget_file, *hours, rates, *(invoices or [])])
    try:
        result = compare_budget(budget_file, hours, rates, invoices=invoices or None, through=through, config=config,
                                fiscal_year=fiscal_year, skip_bad=skip_bad)
        if output:
            result.write(output, lang=config.lang, overwrite=force)
    except LedgerkitError as e:
        # one line per problem (several unreadable files are several lines)
        fail(e)
    # the Issues sheet is in the xlsx report only (a .csv or .json gets the summary rows)
    issues_sheet = bool(output) and output != "-" and str(output).lower().endswith(".xlsx")
    _print_summary(result, config.lang, quiet=output == "-", issues_sheet=issues_sheet)
    if output and output != "-":
        say(text("wrote", config.lang, path=output))
    if record:
        from ledgerkit.cli.ledger import record_and_say

        record_and_say(result, config)
    if strict and _strict_failures(result, config.lang):
        raise typer.Exit(code=1)


def _print_summary(result, lang: str, quiet: bool = False, issues_sheet: bool = False) -> None:
    """One line per project on stderr: consumption and status; the problems counted, pointing to the
    report's Issues sheet when one was written (``issues_sheet``), else to ``-o``."""
    if quiet:
        return
    from ledgerkit.budget.columns import STATUS_LABELS

    for row in result.frame.itertuples(index=False):
        pct = "-" if row.consumption != row.consumption else f"{row.consumption:.1%}"
        status = STATUS_LABELS.get(row.status, (row.status, row.status))[1 if lang == "en" else 0]
        say(f"{row.project}: {row.actual:,} / {row.budget:,} ({pct}) {status}")
    errors = sum(1 for i in result.issues if i.severity == "error")
    warnings = sum(1 for i in result.issues if i.severity == "warning")
    if errors or warnings:
        from ledgerkit.cli.terminal import print_errors, print_file_warnings

        # each error named, as aggregate names them: a count alone sends a person hunting
        print_errors(result.issues, lang)
        print_file_warnings(result.issues, lang)
        say(text("budget_input_problems" if issues_sheet else "budget_input_problems_no_report", lang,
                 errors=errors, warnings=warnings))


def _strict_failures(result, lang: str) -> bool:
    """--strict: say which projects are over budget and how many input rows could not be read; True if any."""
    from ledgerkit.budget.comparison import over_budget

    over = over_budget(result)
    unread = sum(1 for i in result.issues if i.severity == "error")
    if over:
        say(text("budget_strict_over", lang, projects=", ".join(over)))
    if unread:
        say(text("budget_strict_inputs", lang, count=unread))
    return bool(over or unread)


def register(app: typer.Typer) -> None:
    app.command("budget", rich_help_panel="Reports")(budget)
