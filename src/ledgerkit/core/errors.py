"""Exceptions raised by ledgerkit.

The library raises these and never prints or exits; the CLI turns each into one line
on stderr and an exit code (see ``ledgerkit.cli.app``).
"""

from __future__ import annotations

from pathlib import Path

from ledgerkit.core.messages import shown_path, text


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
    """A draft template is missing, invalid, or names a field the row lacks.

    Raised where the person's language is not known (inside a Jinja filter, a form's cell,
    a worker), it carries its message ``key`` and ``params`` and a ``prefix`` naming the
    place; :meth:`worded` says it in a language, ``str()`` in Japanese.

    Examples:
        >>> e = TemplateError(key="draft_filter_empty_amount", params={"filter": "yen"}, prefix="ringi.md.j2: ")
        >>> str(e), e.worded("en")
        ('ringi.md.j2: フィルター yen: 金額が空です', 'ringi.md.j2: filter yen: the amount is empty')
        >>> TemplateError("as given").worded("en")
        'as given'
    """

    def __init__(self, message: str = "", *, key: str | None = None, params: dict | None = None, prefix: str = ""):
        self.key, self.params, self.prefix = key, dict(params or {}), prefix
        super().__init__(message if key is None else prefix + text(key, "ja", **self.params))

    def worded(self, lang: str = "ja") -> str:
        """The message in ``lang`` (``ja`` or ``en``)."""
        return str(self) if self.key is None else self.prefix + text(self.key, lang, **self.params)

    def placed(self, where: str) -> "TemplateError":
        """The same error with ``where`` (``ringi.md.j2: ``) in front; its missing ``field`` kept."""
        if self.key is None:
            err = TemplateError(f"{where}{self}")
        else:
            err = TemplateError(key=self.key, params=self.params, prefix=where + self.prefix)
        err.field = getattr(self, "field", None)
        return err


class OutputError(LedgerkitError):
    """An output cannot be written (would overwrite an input, folder missing, ...)."""


class LedgerError(LedgerkitError):
    """The ledger cannot be opened or written (no server, no grant, a newer schema), or names no such run or finding."""
