"""``ledgerkit record``, ``history``, ``diff``, ``runs``, ``findings`` (and ``findings resolve``), ``close``;
and what ``--record`` on the other commands calls (:func:`record_and_say`)."""

from __future__ import annotations

import shlex
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import ConfigOption, ForceOption, LangOption, OutputOption, console, handle_errors, load, precheck_output, say
from ledgerkit.core.messages import text

PANEL = "Ledger"
#: rows shown on the terminal (-o writes them all)
MAX_SHOWN = 40

RecordOption = Annotated[
    bool,
    typer.Option("--record", help="Also record the rows, source files and findings in the ledger "
                 "(\\[ledger] url; ask it with ledgerkit history, diff, findings)."),
]
KindFilter = Annotated[Optional[str], typer.Option("--kind", help="Only this kind of rows (hours, invoices, attendance …).")]


class Status(str, Enum):
    open = "open"
    handled = "handled"
    all = "all"


def _current_context():
    """The running command's context (Typer ≥ 0.20 carries its own copy of click)."""
    import importlib

    for module in ("typer._click.globals", "click"):
        try:
            ctx = importlib.import_module(module).get_current_context(silent=True)
        except (ImportError, AttributeError):
            continue
        if ctx is not None:
            return ctx
    return None


def command_line() -> str:
    """The command as typed, rebuilt from the options given (stored with each run)."""
    ctx = _current_context()
    if ctx is None:
        return "ledgerkit"
    names, up = [], ctx
    while up.parent is not None:
        names.append(up.info_name)
        up = up.parent
    # "python -m ledgerkit" and the ledgerkit script are the same command
    words = ["ledgerkit", *reversed(names)]
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if value is None or value is False or value == () or value == [] or value == param.default:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        values = [v.value if isinstance(v, Enum) else v for v in values]
        if param.param_type_name == "argument":
            words.extend(map(str, values))
            continue
        name = max(param.opts, key=len)
        for v in values:
            words.extend([name] if v is True else [name, str(v)])
    return shlex.join(words)


def _ledger(config):
    from ledgerkit.ledger.book import Ledger

    return Ledger.from_config(config)


def record_and_say(result, config, *, kind: str | None = None) -> None:
    """Record a command's result in the ledger and print what changed (``--record``)."""
    from ledgerkit.ledger.cli_support import record_from_cli

    recording = record_from_cli(result, config, command=command_line(), kind=kind)
    for line in recording.lines(config.lang):
        say(line)


def _table(frame, columns: list[tuple[str, str, str]], lang: str, title: str | None = None) -> None:
    """A rich table on stderr: (column, Japanese heading, English heading); cell text shown as written."""
    from rich.table import Table
    from rich.text import Text

    from ledgerkit.reports.text_safety import terminal_safe

    table = Table(title=title, show_lines=False)
    for _name, ja, en in columns:
        table.add_column(ja if lang == "ja" else en, overflow="fold")
    for record in frame.head(MAX_SHOWN).to_dict("records"):
        cells = []
        for name, _ja, _en in columns:
            value = record.get(name)
            shown = "" if value is None or value != value else (f"{value:,}" if isinstance(value, int) else str(value))
            cells.append(Text(terminal_safe(shown)))
        table.add_row(*cells)
    console().print(table)


def _write(frame, output: str, lang: str, paper=None, *, force: bool = False) -> None:
    """The table to ``output``: an .xlsx as ``paper`` shows it (:mod:`ledgerkit.ledger.paper`), other files as rows."""
    from ledgerkit.ledger.paper import write_table

    write_table(frame, output, paper, lang=lang, overwrite=force)
    if output != "-":
        say(text("wrote", lang, path=output))


def record(
    report: Annotated[Path, typer.Argument(help="A report ledgerkit wrote (.xlsx with 明細/Detail and 問題一覧/Issues sheets).",
                                            dir_okay=False)],
    kind: Annotated[Optional[str], typer.Option("--kind", help="What its rows are, when the columns do not tell (hours, invoices, attendance).")] = None,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Record a report already written (its rows and findings) in the ledger.

    Example: ledgerkit record out/hours_report.xlsx
    """
    from ledgerkit.ledger.report_reader import read_report

    config = load(config_path, lang)
    record_and_say(read_report(report, config, kind=kind), config)


def history(
    kind: Annotated[str, typer.Argument(help="What to add up: hours, invoices, attendance … (the kind recorded).")],
    by: Annotated[Optional[str], typer.Option("--by", help="Rows of the table, comma-separated (default for hours: project).")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM", help="First month (default: the first recorded).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM", help="Last month (default: the last recorded).")] = None,
    field: Annotated[Optional[str], typer.Option("--sum", help="The figure added up (default: hours; total for invoices).")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Totals over the recorded months: one row per --by group, one column per month.

    Example: ledgerkit history hours --by person --from 2026-04 --to 2026-11
    """
    from ledgerkit.ledger.paper import period_columns

    config = load(config_path, lang)
    precheck_output(output, config.lang, force)
    with _ledger(config) as ledger:
        table = ledger.history(kind, by, start=start, end=end, field=field, lang=config.lang)
        headings = ledger.history_headings(kind, table.columns, config.lang, field=field)
        english = ledger.history_headings(kind, table.columns, "en", field=field)
        # no ledger file: asked, nothing made; the line says how one is made
        nothing = ledger.missing_line(config.lang)
        if not nothing and not len(table):
            period = f" ({start or '…'}〜{end or '…'})" if start or end else ""
            nothing = text("ledger_nothing", config.lang, kind=kind, period=period)
        # on paper: titled, months as 2026年10月, ¥ / hours; an empty report says so under its title
        paper = ledger.history_paper(kind, table, config.lang, field=field, start=start, end=end,
                                     nothing=None if len(table) else nothing)
    months = period_columns(table)
    if output:
        _write(table, output, config.lang, paper, force=force)
    if not len(table):
        say(nothing)
        return
    if output:
        return
    columns = [(c, headings[c], english[c]) for c in table.columns]
    _table(table, columns, config.lang)
    say(text("ledger_history", config.lang, kind=kind, groups=len(table), months=len(months),
             first=months[0] if months else "-", last=months[-1] if months else "-"))


def diff(
    run_a: Annotated[Optional[int], typer.Argument(help="The earlier run (default: the one before the last).")] = None,
    run_b: Annotated[Optional[int], typer.Argument(help="The later run (default: the ledger as it is now).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="last-close (the last ledgerkit close) or a run number, instead of RUN_A.")] = None,
    kind: KindFilter = None,
    output: OutputOption = None,
    force: ForceOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """What changed between two runs: rows added, removed and changed, per file, person and month.

    Example: ledgerkit diff --since last-close
    """
    from ledgerkit.ledger.changes import change_line

    config = load(config_path, lang)
    precheck_output(output, config.lang, force)
    with _ledger(config) as ledger:
        changes = ledger.diff(run_a, run_b, since=since, kind=kind, lang=config.lang)
    a, b = changes.attrs["run_a"], changes.attrs["run_b"]
    if output:
        _write(changes, output, config.lang, force=force)
    if not len(changes):
        say(text("ledger_diff_none", config.lang, a=a, b=b))
        return
    say(text("ledger_diff_summary", config.lang, a=a, b=b, groups=len(changes),
             added=int(changes["added"].sum()), removed=int(changes["removed"].sum())))
    records = changes.to_dict("records")
    for record in records[:MAX_SHOWN]:
        say(f"  {record['file']}: {change_line(record, config.lang)}")
    if len(records) > MAX_SHOWN:
        say("  " + text("ledger_more_changes", config.lang, count=len(records) - MAX_SHOWN))


def runs(output: OutputOption = None, force: ForceOption = False, config_path: ConfigOption = None, lang: LangOption = None) -> None:
    """The runs recorded in the ledger, newest first: when, who, the command, files and rows.

    Example: ledgerkit runs
    """
    from ledgerkit.ledger.paper import runs_paper
    from ledgerkit.ledger.store import shown_url
    from ledgerkit.reports.labels import RUN_HEADINGS

    config = load(config_path, lang)
    precheck_output(output, config.lang, force)
    with _ledger(config) as ledger:
        table = ledger.runs()
        where = shown_url(ledger.url)
        missing = ledger.missing_line(config.lang)
        words = ledger.kind_words(config.lang)
    if output:
        _write(table, output, config.lang, runs_paper(table, config.lang, kind_words=words), force=force)
    if missing:
        say(missing)
    if output or missing:
        return
    table = table.assign(files=[f"+{n} ~{c} ={u}" for n, c, u in zip(table["files_new"], table["files_changed"],
                                                                     table["files_unchanged"])],
                         rows=[f"+{a:,} -{r:,}" for a, r in zip(table["rows_added"], table["rows_removed"])])
    _table(table, [(c, *RUN_HEADINGS[c]) for c in ("run", "at", "who", "kind", "files", "rows", "command")], config.lang)
    say(text("ledger_where", config.lang, url=where) + " — " + text("ledger_runs_count", config.lang, count=len(table)))


def close(
    note: Annotated[str, typer.Option("--note", help="What was closed, e.g. \"2026年10月 締め\".")] = "",
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Record a close (月次締め): diff --since last-close then shows what changed after it.

    Example: ledgerkit close --note "2026年10月 締め"
    """
    config = load(config_path, lang)
    with _ledger(config) as ledger:
        run = ledger.mark_close(note, command=command_line())
    say(text("ledger_closed", config.lang, run=run))


findings_app = typer.Typer(
    help="Open findings across runs, and marking them 対応済 (handled).",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: the terminal's columns of ``ledgerkit findings`` (headings: :data:`ledgerkit.reports.labels.FINDING_HEADINGS`)
_FINDING_COLUMNS = ("id", "status", "severity", "where", "ref", "message", "handled")


@findings_app.callback()
@handle_errors
def findings(
    ctx: typer.Context,
    status: Annotated[Status, typer.Option("--status", help="open (and re-opened), handled (対応済), or all.")] = Status.open,
    kind: KindFilter = None,
    output: OutputOption = None,
    force: ForceOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """The findings of the latest runs that are not handled yet (exit 1 when one is an error).

    Example: ledgerkit findings --status all
    """
    if ctx.invoked_subcommand is not None:
        return
    from ledgerkit.ledger.paper import findings_paper

    config = load(config_path, lang)
    precheck_output(output, config.lang, force)
    with _ledger(config) as ledger:
        every = ledger.findings("all", kind=kind, lang=config.lang)
        missing = ledger.missing_line(config.lang)
        words = ledger.kind_words(config.lang)
    handled = every["status"] == "handled"
    table = every if status is Status.all else every[handled if status is Status.handled else ~handled]
    if output:
        # on paper the words a person reads (未対応, 警告); CSV and JSON keep the codes
        paper = findings_paper(table, config.lang, status=status.value, kind_words=words)
        _write(table.reset_index(drop=True), output, config.lang, paper, force=force)
    else:
        _show_findings(table, config.lang, words)
    if missing:
        say(missing)
        return
    pending = every[~handled]
    say(text("ledger_findings_count", config.lang, open=len(pending),
             reopened=int((pending["status"] == "reopened").sum()), handled=int(handled.sum())))
    if (table[table["status"] != "handled"]["severity"] == "error").any():
        raise typer.Exit(code=1)


def _show_findings(table, lang: str, words: dict[str, str]) -> None:
    from ledgerkit.ledger.paper import findings_on_terminal
    from ledgerkit.reports.labels import FINDING_HEADINGS

    if len(table):
        _table(findings_on_terminal(table, lang, kind_words=words), [(c, *FINDING_HEADINGS[c]) for c in _FINDING_COLUMNS],
               lang)


@findings_app.command("resolve")
def resolve(
    finding: Annotated[Optional[int], typer.Argument(help="The finding's ID (the first column of ledgerkit findings).")] = None,
    rule: Annotated[Optional[str], typer.Option("--rule", help="Every open finding of this rule (its code, e.g. tax_mismatch) …")] = None,
    ref: Annotated[Optional[str], typer.Option("--ref", help="… on this document (an invoice or order number).")] = None,
    note: Annotated[str, typer.Option("--note", help="What was done, e.g. \"先方に確認済み、11月分で調整\".")] = "",
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Mark a finding 対応済 (handled), with who and when: it stays handled until its source changes.

    Example: ledgerkit findings resolve 3 --note "先方に確認済み"
    """
    config = load(config_path, lang)
    with _ledger(config) as ledger:
        done = ledger.resolve(finding, rule=rule, ref=ref, note=note, lang=config.lang)
        who = ledger.user
    say(text("ledger_resolved", config.lang, count=len(done), who=who))
    for r in done.to_dict("records"):
        say(f"  #{r['id']} {r['code']} {r['file']} {r['ref']}".rstrip())


def register(app: typer.Typer) -> None:
    app.command("record", rich_help_panel=PANEL)(handle_errors(record))
    app.command("history", rich_help_panel=PANEL)(handle_errors(history))
    app.command("diff", rich_help_panel=PANEL)(handle_errors(diff))
    app.command("runs", rich_help_panel=PANEL)(handle_errors(runs))
    app.command("close", rich_help_panel=PANEL)(handle_errors(close))
    app.add_typer(findings_app, name="findings", rich_help_panel=PANEL)
