"""The request and order lists drafts are made from, read through the intake door.

:func:`read_list` hands the list to :func:`ledgerkit.intake.door.read_files`, so it is read
like every other input: in a bounded worker (the time and memory limits cover finding the
table and parsing its rows, not only reading the file), lock files, copies and ledgerkit's
own reports left out, hidden sheets read only when named. In the worker,
:class:`ListReader` finds the table on each sheet and parses its data rows into
:class:`~ledgerkit.drafts.context.SourceRow` records; the parent takes the first sheet
holding the table.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError, UnreadableFileError
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.drafts.context import SourceTable, unique_headers
from ledgerkit.drafts.text import t
from ledgerkit.intake.door import Intake, read_files
from ledgerkit.intake.raw import RawSheet


@dataclass(frozen=True)
class ListReader:
    """Reads one sheet of a request or order list, in the worker: the table with the
    ``required`` fields (by ``fields`` synonyms) and its rows parsed, or no table.

    With ``sheet``, every other sheet is passed over. Picklable (the worker may be spawned).
    """

    fields: Mapping[str, list[str]]
    required: frozenset[str]
    sheet: str | None = None
    lang: str = "ja"

    def __call__(self, sheet: RawSheet, *, file: str, config: Config) -> SheetResult:
        if self.sheet is not None and sheet.name != self.sheet:
            return SheetResult(note="not the sheet asked for")
        table = detect_table(sheet, self.fields, self.required)
        if table is None:
            return SheetResult(note="no table")
        source = SourceTable(Path(file), sheet.name, sheet.rows, table.header_row + table.header_rows - 1,
                             table.data_start, table.data_end, unique_headers(table.columns), dict(table.mapping))
        source.parse(self.lang)
        return SheetResult(frame=source, rows_read=len(source.data), layout="long", header_row=table.header_excel_row,
                           mapping={f: source.columns[c] for f, c in source.mapping.items()})


def read_config(config: Any, lang: str) -> Config:
    """The settings the door reads with: ``config`` itself, or (a dict or None) the defaults
    in ``lang`` with the dict's ``[read]`` table."""
    if isinstance(config, Config):
        return config
    out = Config()
    out.data["report"]["lang"] = lang
    if isinstance(config, Mapping) and isinstance(config.get("read"), Mapping):
        out.data["read"].update(config["read"])
    return out


def read_list(source: str | os.PathLike, fields: Mapping[str, list[str]], required: set[str], *, kind: str,
              sheet: str | None = None, config: Any = None, lang: str = "ja") -> SourceTable:
    """The table of a request or order list: the first sheet (visible, or the one named)
    holding the ``required`` fields, its data rows parsed.

    Raises InputError when the list cannot be read (one line), is a folder, holds no such
    table, has no sheet ``sheet``, or is not a list at all (a lock file, a report ledgerkit wrote).
    """
    if Path(source).is_dir():
        # a list is one file (the command takes no folder either): a folder's lists are not searched
        raise UnreadableFileError(source, "not_found", messages.text("file_not_a_file", lang))
    reader = ListReader({k: list(v) for k, v in fields.items()}, frozenset(required), sheet, lang)
    # a sheet asked for by name is read even when hidden
    intake = read_files([source], read_config(config, lang), reader=reader,
                        include_hidden=True if sheet is not None else None)
    for _, s in intake.sheets():
        if s.result is not None and isinstance(s.result.frame, SourceTable):
            return s.result.frame
    raise InputError(_why_none(intake, source, fields, required, kind=kind, sheet=sheet, lang=lang))


def _why_none(intake: Intake, source, fields, required: set[str], *, kind: str, sheet: str | None,
              lang: str) -> str:
    """Why no table was found: a file that was not read (own report), no such sheet, or no table."""
    if not intake.files and intake.skipped:
        i = intake.skipped[0]
        return f"{i.file}: {i.message(lang)}"
    for f in intake.files:
        if not f.sheets and f.issues:
            return f"{f.path}: {f.issues[0].message(lang)}"
    if sheet is not None:
        for f in intake.files:
            if all(s.name != sheet for s in f.sheets):
                return t("no_sheet", lang, file=f.path, sheet=sheet, sheets=", ".join(s.name for s in f.sheets))
    wanted = " / ".join(fields[f][0] for f in sorted(required))
    file = intake.files[0].path if len(intake.files) == 1 else source
    return t("no_table", lang, file=file, kind=kind, fields=wanted)
