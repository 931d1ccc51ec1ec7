"""``ledgerkit init`` and ``ledgerkit config show``: a project folder and its settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ledgerkit.cli.common import ConfigOption, LangOption, fail, handle_errors, load, say
from ledgerkit.core.errors import LedgerkitError

config_app = typer.Typer(
    help="Look at the settings (ledgerkit.toml) a command would use.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def init(
    directory: Annotated[
        Path, typer.Argument(help="Project folder to set up (made if missing; default: the current folder).", file_okay=False)
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace ledgerkit.toml and templates that already exist.")] = False,
    lang: LangOption = None,
) -> None:
    """Set up a project folder: ledgerkit.toml with every setting commented, and templates/ to edit.

    Never replaces an existing file unless --force (exit 2, nothing written). With --lang en
    the file sets report.lang = "en".

    Example: ledgerkit init client-a
    """
    from ledgerkit.config.defaults import CONFIG_NAME
    from ledgerkit.config.project import init_project
    from ledgerkit.core.messages import text

    if lang not in (None, "ja", "en"):
        fail(text("lang_invalid", "ja", value=lang))
    try:
        written = init_project(directory, force=force, lang=lang)
    except LedgerkitError as e:
        fail(e)
    templates = [p for p in written if p.name != CONFIG_NAME]
    say(text("init_wrote", lang or "ja", config=directory / CONFIG_NAME, count=len(templates),
             templates=directory / "templates"))


def show(config_path: ConfigOption = None, lang: LangOption = None) -> None:
    """Print the effective settings as TOML, each with where it came from (default or file:line).

    Example: ledgerkit config show --config client-a/ledgerkit.toml
    """
    from ledgerkit.config.rendering import show_config
    from ledgerkit.core.messages import text

    config = load(config_path, lang)
    typer.echo(show_config(config), nl=False)
    where = str(config.path) if config.path else text("config_none", config.lang)
    say(text("config_from", config.lang, where=where))


def register(app: typer.Typer) -> None:
    app.command("init", rich_help_panel="Project")(handle_errors(init))
    config_app.command("show")(handle_errors(show))
    app.add_typer(config_app, name="config", rich_help_panel="Project")
