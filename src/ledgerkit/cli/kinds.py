"""``ledgerkit kinds``: the kinds of list ``aggregate --kind`` reads, built-in and declared in ledgerkit.toml."""

from __future__ import annotations

from typing import Annotated

import typer

from ledgerkit.cli.common import ConfigOption, LangOption, fail, handle_errors, load, say

kinds_app = typer.Typer(
    help="The kinds of list aggregate reads: built-in, and declared as \\[kinds.NAME] in ledgerkit.toml.",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _list(config_path, lang) -> None:
    from ledgerkit.config.rendering import render_kinds
    from ledgerkit.core.messages import text

    config = load(config_path, lang)
    typer.echo(render_kinds(config, lang=config.lang), nl=False)
    if not any(n not in ("hours", "invoices", "attendance") for n in config.kind_names()):
        say(text("kinds_none_declared", config.lang))


def kinds(ctx: typer.Context, config_path: ConfigOption = None, lang: LangOption = None) -> None:
    """List the kinds aggregate reads, with their fields (the same as ledgerkit kinds list).

    Example: ledgerkit kinds --config examples/sales.toml
    """
    if ctx.invoked_subcommand is None:
        _list(config_path, lang)


def list_kinds(config_path: ConfigOption = None, lang: LangOption = None) -> None:
    """List the built-in kinds and those ledgerkit.toml declares, each field with its type and headers.

    Example: ledgerkit kinds list --config examples/sales.toml
    """
    _list(config_path, lang)


def show(
    name: Annotated[str, typer.Argument(help="The kind: hours, invoices, attendance, or one declared as \\[kinds.NAME].")],
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Print one kind as the \\[kinds.NAME] table that declares it: to copy into ledgerkit.toml and adapt.

    Example: ledgerkit kinds show sales --config examples/sales.toml
    """
    from ledgerkit.config.rendering import render_kind
    from ledgerkit.core.messages import text

    config = load(config_path, lang)
    spec = config.kind(name)
    if spec is None:
        fail(text("kind_unknown_show", config.lang, value=name, known=", ".join(config.kind_names())))
    source = config.sources.get(f"kinds.{name}")
    typer.echo(render_kind(spec, lang=config.lang, source=source), nl=False)


def kind_completion(incomplete: str) -> list[str]:
    """``--kind`` completions: auto, the built-in kinds and those ./ledgerkit.toml declares."""
    names = ["auto", "hours", "invoices", "attendance"]
    try:
        from ledgerkit.config.loading import load_config

        names = ["auto", *load_config().kind_names()]
    except Exception:  # noqa: BLE001 - a completion never fails over a bad config
        pass
    return [n for n in names if n.startswith(incomplete)]


def print_list_summary(result, by, *, lang: str = "ja", max_rows: int = 30, max_columns: int = 6) -> None:
    """The terminal summary of a declared kind: its first value field by ``by`` (first down, last across)."""
    from ledgerkit.cli.common import console
    from ledgerkit.cli.terminal import pivot_table
    from ledgerkit.core import messages
    from ledgerkit.lists.summary import summarize_list

    spec = result.meta.get("spec")
    con = console()
    if spec is None or not len(result.frame):
        if spec is not None and result.stats.rows_read == 0:
            con.print(messages.text("nothing_read", lang, kind={"ja": spec.title("ja"), "en": spec.name},
                                    kind_option=spec.name), markup=False, highlight=False)
        return
    by = [b for b in by if b in result.frame.columns]
    short = [by[0], by[-1]] if len(by) > 2 else by
    pivot = summarize_list(result.frame, spec, short, lang=lang)
    if len(pivot.columns) > max_columns:
        pivot = summarize_list(result.frame, spec, short[:1], lang=lang)
    value = spec.field(spec.summed(short)[0]) if spec.summed(short) else None
    money = value is None or value.type in ("yen", "int")
    fmt = (lambda v: f"{int(v):,}") if money else (lambda v: f"{v:,.2f}" if isinstance(v, float) else str(v))
    headings = {f.name: f.heading(lang) for f in spec.fields}
    con.print(pivot_table(pivot, spec.title(lang), lambda name: headings.get(name, name), fmt, lang, max_rows))


def register(app: typer.Typer) -> None:
    kinds_app.callback(invoke_without_command=True)(handle_errors(kinds))
    kinds_app.command("list")(handle_errors(list_kinds))
    kinds_app.command("show")(handle_errors(show))
    app.add_typer(kinds_app, name="kinds", rich_help_panel="Consolidate")
