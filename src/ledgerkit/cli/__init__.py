"""The ``ledgerkit`` command: a thin Typer layer over the library."""
