"""Exceptions raised by ledgerkit.

The library raises these and never prints or exits; the CLI turns each into one line
on stderr and an exit code (see ``ledgerkit.cli.app``).
"""

from __future__ import annotations

from pathlib import Path

from ledgerkit.core.messages import shown_path


class LedgerkitError(Exception):
    """Base class for every error ledgerkit raises on purpose."""

    #: exit code the CLI uses for this error
    exit_code = 2


class InputError(LedgerkitError):
    """An input cannot be used: unreadable file, missing columns, bad cell, bad option."""


class UnreadableFileError(InputError):
    """A file is not a workbook ledgerkit can read (corrupt, encrypted, too large, ...)."""

    def __init__(self, path: str | Path, code: str, message: str):
        self.path = str(path)
        #: machine-readable reason, e.g. ``encrypted``, ``not_a_spreadsheet``, ``too_large``
        self.code = code
        self.reason = message
        # a name with a line break in it must not forge a second ``Error:`` line
        super().__init__(f"{shown_path(self.path)}: {message}")

    def __reduce__(self):
        # rebuilt from its three parts when it comes back from a worker process
        return (self.__class__, (self.path, self.code, self.reason), dict(self.__dict__))


class ReaderBug(LedgerkitError):
    """ledgerkit's own code failed on a file: a bug to report, not a damaged file (exit 3).

    The worker raises it when a per-sheet reader (ledgerkit's code, run on cells that
    were read fine) raises; ``path`` and ``sheet`` say where, ``kind`` and ``detail`` what.
    """

    exit_code = 3

    def __init__(self, path: str | Path, sheet: str, kind: str, detail: str, message: str | None = None):
        self.path = str(path)
        self.sheet = sheet
        self.kind = kind
        self.detail = detail
        super().__init__(message or f"{shown_path(self.path)}: a bug in ledgerkit stopped reading this file "
                                    f"(sheet {sheet!r}, {kind}: {detail}); please report it with the file")

    def __reduce__(self):
        return (self.__class__, (self.path, self.sheet, self.kind, self.detail, str(self)), dict(self.__dict__))


class ConfigError(InputError):
    """The configuration file is invalid (unknown key, wrong type, ...)."""


class DataError(LedgerkitError):
    """The data is readable but wrong in a way that stops the job (e.g. a person without a rate)."""

    exit_code = 1


class TemplateError(LedgerkitError):
    """A draft template is missing, invalid, or names a field the row lacks."""


class OutputError(LedgerkitError):
    """An output cannot be written (would overwrite an input, folder missing, ...)."""


class LedgerError(LedgerkitError):
    """The ledger cannot be opened or written (no server, no grant, a newer schema), or names no such run or finding."""
