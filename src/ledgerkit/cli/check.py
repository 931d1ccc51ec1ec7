"""``ledgerkit check invoices`` and ``ledgerkit check orders``."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import (
    ConfigOption,
    ForceOption,
    LangOption,
    OutputOption,
    SkipBadOption,
    console,
    fail,
    load,
    precheck_output,
    say,
)
from ledgerkit.cli.ledger import RecordOption
from ledgerkit.core.errors import InputError, LedgerkitError
from ledgerkit.core.messages import text

check_app = typer.Typer(
    help="Check invoice and order lists against the rules (tax, 登録番号, dates, orders).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Rounding(str, Enum):
    down = "down"
    half_up = "half_up"
    up = "up"


PathsArg = Annotated[list[str], typer.Argument(help="Workbooks, folders (read recursively) or glob patterns.")]
TodayOption = Annotated[
    Optional[str],
    typer.Option("--today", help="Date that counts as today for 'issue date in the future' (YYYY-MM-DD; default: today)."),
]
HiddenOption = Annotated[bool, typer.Option("--include-hidden", help="Read hidden and very hidden sheets too.")]
MAX_SHOWN = 40


def _today(text: str | None, lang: str = "ja") -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from ledgerkit.core.messages import text as message

        raise InputError(message("check_today_bad", lang, value=text)) from None


def _show(findings, lang: str, count_text: str) -> None:
    """A table of findings on stderr, then one summary line."""
    from rich.table import Table
    from rich.text import Text

    from ledgerkit.checks.findings import summary_counts
    from ledgerkit.reports.text_safety import terminal_safe

    con = console()
    if len(findings):
        table = Table(show_header=True, header_style="bold", show_lines=False)
        for head in ("col_severity", "col_where", "col_number", "col_finding"):
            table.add_column(text(head, lang), overflow="fold")
        for rec in findings.head(MAX_SHOWN).itertuples(index=False):
            style = "red" if rec.severity == "error" else "yellow"
            sev = text(f"severity_{rec.severity}", lang) if rec.severity in ("error", "warning") else rec.severity
            has_row = rec.source_row is not None and str(rec.source_row) != "<NA>"
            row_text = text("row_n", lang, row=rec.source_row) if has_row else ""
            where = " / ".join(str(x) for x in (rec.source_file, rec.source_sheet, row_text, rec.column) if x)
            # cell text is shown as written: never read as rich markup, never a terminal escape
            table.add_row(
                Text(sev, style=style),
                Text(terminal_safe(where)),
                Text(terminal_safe(rec.invoice_no or "")),
                Text(terminal_safe(rec.message)),
            )
        con.print(table)
        if len(findings) > MAX_SHOWN:
            more = len(findings) - MAX_SHOWN
            say(text("more_findings", lang, count=more))
    n = summary_counts(findings)
    e, w = n["error"], n["warning"]
    say(text("check_summary", lang, what=count_text, errors=e, warnings=w, es="" if e == 1 else "s", ws="" if w == 1 else "s"))


def _finish(result, count_text: str, output: str | None, record_in=None) -> None:
    """The findings table, the line naming what was written, the ledger (``record_in``: the config), exit 1 on any error."""
    from ledgerkit.cli.terminal import print_file_warnings

    findings = result.tables["findings"]
    lang = result.meta["lang"]
    _show(findings, lang, count_text)
    print_file_warnings(result.issues, lang)
    if output and output != "-":
        say(text("wrote", lang, path=output))
    if record_in is not None:
        from ledgerkit.cli.ledger import record_and_say

        record_and_say(result, record_in)
    if (findings["severity"] == "error").any():
        raise typer.Exit(code=1)


def _count(frame, column: str) -> int:
    return frame[column].nunique() if len(frame) else 0


@check_app.command("invoices")
def invoices(
    paths: PathsArg,
    orders: Annotated[
        Optional[list[str]],
        typer.Option("--orders", help="Order lists (発注一覧) to match each invoice's 注文番号 against; repeatable."),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    today: TodayOption = None,
    rounding: Annotated[
        Optional[Rounding],
        typer.Option("--rounding", help="Require this rounding of the tax (default: accept down, half_up or up)."),
    ] = None,
    max_due_days: Annotated[
        Optional[int], typer.Option("--max-due-days", min=1, help="Report due dates more than this many days after issue (default 120).")
    ] = None,
    include_hidden: HiddenOption = False,
    skip_bad: SkipBadOption = False,
    record: RecordOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Check received-invoice lists: tax per rate, totals, 登録番号, duplicates, dates, orders.

    Exit code 0 when there is no error, 1 when there are errors, 2 for unreadable input.

    Example: ledgerkit check invoices examples/invoices --orders examples/po_list.xlsx -o out/invoice_findings.xlsx
    """
    from ledgerkit.checks.invoices import check_invoices, invoice_counts

    config = load(config_path, lang)
    precheck_output(output, config.lang, force, inputs=[*paths, *(orders or [])])
    try:
        result = check_invoices(
            paths, orders or None, config, today=_today(today, config.lang), rounding=rounding.value if rounding else None,
            max_due_days=max_due_days, include_hidden=include_hidden or None, skip_bad=skip_bad,
        )
        if output:
            result.write(output, overwrite=force)
    except LedgerkitError as e:
        fail(e)
    counts = invoice_counts(result.frame)
    # one row per invoice and rate, or an invoice's lines a row each (売上伝票): said as it is
    what = "check_invoices_what" if counts["pairs"] == counts["rows"] else "check_invoices_what_lines"
    _finish(result, text(what, config.lang, **counts), output, config if record else None)


@check_app.command("orders")
def orders_cmd(
    paths: PathsArg,
    output: OutputOption = None,
    force: ForceOption = False,
    rounding: Annotated[
        Optional[Rounding],
        typer.Option("--rounding", help="Require this rounding of the tax (default: accept down, half_up or up)."),
    ] = None,
    terms: Annotated[
        Optional[str],
        typer.Option("--terms", help="Written-terms list to check against (default: toriteki_4jo_2026, 取適法4条)."),
    ] = None,
    include_hidden: HiddenOption = False,
    skip_bad: SkipBadOption = False,
    record: RecordOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Check purchase-order lists: written terms (取適法4条), qty × unit price, tax per rate, 60-day payment.

    Exit code 0 when there is no error, 1 when there are errors, 2 for unreadable input.

    Example: ledgerkit check orders examples/po_list.xlsx -o out/order_findings.xlsx
    """
    from ledgerkit.checks.orders import check_orders

    config = load(config_path, lang)
    precheck_output(output, config.lang, force, inputs=paths)
    try:
        result = check_orders(paths, config, terms=terms, rounding=rounding.value if rounding else None,
                              include_hidden=include_hidden or None, skip_bad=skip_bad)
        if output:
            result.write(output, overwrite=force)
    except LedgerkitError as e:
        fail(e)
    frame = result.frame
    _finish(result, text("check_orders_what", config.lang, orders=_count(frame, "po_no"), rows=len(frame)), output,
            config if record else None)


def register(app: typer.Typer) -> None:
    app.add_typer(check_app, name="check", rich_help_panel="Check")
