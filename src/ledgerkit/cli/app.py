"""The ``ledgerkit`` command: a thin Typer layer over the library.

Each feature registers its commands from ``cli_<feature>.py``; nothing heavy (pandas,
readers) is imported here, so ``ledgerkit --help`` answers at once.

Exit codes, the same for every command:
  0  done (rejected rows are listed in the report, not fatal)
  1  findings or data errors (and anything rejected under --strict)
  2  usage error or unreadable input
"""

from __future__ import annotations

import importlib
from typing import Annotated, Optional

import typer

from ledgerkit import __version__
from ledgerkit.cli.common import guard_commands
from ledgerkit.cli.usage import PlainGroup

FEATURES = ["aggregate", "kinds", "settle", "check", "drafts", "schedule", "triage", "budget", "config", "ledger"]

app = typer.Typer(
    name="ledgerkit",
    cls=PlainGroup,  # a usage error is one line in the person's language; placeholders in words
    help="ledgerkit — the client's Excel workbooks, read as they are: hours, invoices, budgets, drafts.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ledgerkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """ledgerkit — the client's Excel workbooks, read as they are."""


for _feature in FEATURES:
    importlib.import_module(f"ledgerkit.cli.{_feature}").register(app)

# one place that turns any error of any command into one line and an exit code
guard_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
