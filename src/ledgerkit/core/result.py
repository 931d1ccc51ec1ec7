"""What every pipeline returns (:class:`Result`) and what a per-sheet reader returns (:class:`SheetResult`).

A pipeline — ``aggregate``, ``read_invoices``, ``check_invoices``, ``compare_budget``,
``settle`` … — returns one :class:`Result`: the rows it consolidated, every
:class:`~ledgerkit.core.issues.Issue` (rows and files it could not use, and the findings
of its checks), the counts that prove nothing was lost, and ``write(path)``, which writes
the report the command writes.
"""

from __future__ import annotations

import dataclasses
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ledgerkit.core.issues import Issue, count_rejected


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


class Columns:
    """A sheet's rows as plain columns, made in the worker without pandas (issue 17).

    A worker that reads a sheet never imports pandas (a good part of a second, in every
    worker): it returns the columns as lists — or ``array`` for numbers, which pickle as
    bytes — and the parent builds the DataFrame once. ``types`` says how a column becomes
    typed: ``datetime`` (``pandas.to_datetime``), ``float64``, ``int64``; ``text`` columns
    hold only ``str`` and are merged with other sheets' as they are; a column not named in
    ``types`` holds anything (an extra column's cells) and keeps a sheet's frame its own.

    Examples:
        >>> c = Columns({"a": [1, 2], "b": ["x", "y"]}, {"a": "int64", "b": "text"})
        >>> len(c), c.names
        (2, ['a', 'b'])
        >>> c.to_frame().dtypes.astype(str).tolist()
        ['int64', 'str']
    """

    __slots__ = ("data", "types")

    def __init__(self, data: dict[str, Any], types: dict[str, str] | None = None):
        self.data = data
        self.types = dict(types or {})

    @property
    def names(self) -> list[str]:
        return list(self.data)

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), ()))

    def __getstate__(self):
        return self.data, self.types

    def __setstate__(self, state) -> None:
        self.data, self.types = state

    @property
    def mergeable(self) -> bool:
        """Every column is of one known type: sheets with the same columns can be joined as lists."""
        return all(name in self.types for name in self.data)

    def to_frame(self):
        """The DataFrame (pandas is imported here, in the parent)."""
        return self.frame_of(self.data, self.types, list(self.data))

    @staticmethod
    def frame_of(data: dict[str, Any], types: dict[str, str], names: list[str]):
        import pandas as pd

        frame = pd.DataFrame({n: _plain_column(v) for n, v in data.items()}, columns=names)
        for name, kind in types.items():
            if name not in frame.columns:
                continue
            if kind == "datetime":
                frame[name] = pd.to_datetime(frame[name])
            elif kind in ("float64", "int64"):
                frame[name] = frame[name].astype(kind)
        return frame

    @classmethod
    def join(cls, parts: list["Columns"]):
        """One DataFrame of sheets whose columns are the same and :attr:`mergeable`: the lists
        joined first, the frame built once (what ``pandas.concat`` of their frames gives)."""
        names = parts[0].names
        data: dict[str, list] = {n: [] for n in names}
        for part in parts:
            for n in names:
                data[n].extend(part.data[n])
        return cls.frame_of(data, parts[0].types, names)


@dataclass
class SheetResult:
    """What a per-sheet reader found.

    ``rows_read`` counts the data rows seen (blank and total rows excluded), so that
    rows read = rows in ``frame`` + rows rejected in ``issues``. ``frame`` is None when
    the sheet holds no data of the reader's kind; ``issues`` then say why.
    """

    frame: Any = None
    issues: list[Issue] = dataclasses.field(default_factory=list)
    rows_read: int = 0
    layout: str = ""
    header_row: int | None = None
    mapping: dict[str, str] = dataclasses.field(default_factory=dict)
    note: str = ""
    #: the kind of data read (set by the reader that chose this sheet)
    kind: str = ""

    @classmethod
    def skipped(cls, code: str, file: str, sheet: str, *, note: str = "", **params) -> "SheetResult":
        """A sheet that holds no data of this kind, with the reason as its one issue."""
        return cls(issues=[Issue(code, file, sheet, scope="sheet", params=params)], note=note or code)

    @classmethod
    def no_table(cls, file: str, sheet, *, kind: str, fields: str) -> "SheetResult":
        """The sheet is empty, or holds no table with ``fields`` (named for the person)."""
        if all(_blank(v) for row in sheet.rows for v in row):
            return cls.skipped("empty_sheet", file, sheet.name, note="empty")
        return cls.skipped("no_table", file, sheet.name, note="no table", kind=kind, fields=fields)

    def __iter__(self):
        # ``frame, issues, rows_read = reader(sheet, ...)`` works for every reader
        return iter((self.frame, self.issues, self.rows_read))

    @property
    def has_frame(self) -> bool:
        """Whether the reader found its table (``frame is not None``), without building the frame."""
        return self._frame is not None

    @property
    def row_count(self) -> int:
        """How many rows the reader kept, without building the frame (0 when it found no table)."""
        return 0 if self._frame is None else len(self._frame)

    @property
    def columns(self) -> Columns | None:
        """The rows as the worker made them (:class:`Columns`), or None once they are a DataFrame."""
        return self._frame if isinstance(self._frame, Columns) else None

    def __getstate__(self):
        return {f.name: getattr(self, "_frame" if f.name == "frame" else f.name) for f in dataclasses.fields(self)}

    def __setstate__(self, state) -> None:
        for name, value in state.items():
            object.__setattr__(self, "_frame" if name == "frame" else name, value)

    @classmethod
    def coerce(cls, value: Any) -> "SheetResult":
        """Accept a SheetResult or a ``(frame, issues, rows_read)`` tuple."""
        if isinstance(value, SheetResult):
            return value
        frame, issues, rows_read = value
        return cls(frame=frame, issues=list(issues), rows_read=int(rows_read))


def _plain_column(values):
    if isinstance(values, array):
        import numpy as np

        return np.frombuffer(values, dtype={"d": "float64", "q": "int64"}.get(values.typecode, values.typecode)).copy() \
            if values.typecode in ("d", "q") else list(values)
    return values


def _get_frame(self):
    frame = self._frame
    if isinstance(frame, Columns):
        # built on first use, in the process that uses it: a DataFrame for everyone who asks
        frame = self._frame = frame.to_frame()
    return frame


def _set_frame(self, value) -> None:
    self._frame = value


# ``frame`` is a field (``SheetResult(frame=…)``) whose value may be :class:`Columns` until read
SheetResult.frame = property(_get_frame, _set_frame)


@dataclass
class Stats:
    """The accounting: every file, sheet and row given is counted somewhere."""

    files_found: int = 0
    files_read: int = 0
    files_skipped: int = 0
    files_unreadable: int = 0
    sheets_read: int = 0
    sheets_skipped: int = 0
    rows_read: int = 0
    rows_consolidated: int = 0
    rows_rejected: int = 0

    @property
    def balanced(self) -> bool:
        """rows read = rows consolidated + rows rejected"""
        return self.rows_read == self.rows_consolidated + self.rows_rejected


@dataclass
class Result:
    """The outcome of a pipeline: rows, issues, counts, and the report to write.

    ``kind`` names what the rows are (``hours``, ``invoices``, ``invoice_check``,
    ``budget`` …); ``frame`` holds them with their provenance (``source_file``,
    ``source_sheet``, ``source_row``); ``issues`` lists everything not consolidated and
    every finding; ``tables`` holds a pipeline's other tables by name (a budget's monthly
    table, a settlement's invoice check); ``meta`` its parameters (the month, the period).
    ``frame, issues = result`` also works.
    """

    kind: str
    frame: Any
    issues: list[Issue] = dataclasses.field(default_factory=list)
    stats: Stats = dataclasses.field(default_factory=Stats)
    files: list[str] = dataclasses.field(default_factory=list)
    tables: dict[str, Any] = dataclasses.field(default_factory=dict)
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: writes this result as its command does: ``writer(result, target, lang=…, inputs=…, **options)``
    writer: Callable[..., None] | None = dataclasses.field(default=None, repr=False, compare=False)

    def __iter__(self):
        return iter((self.frame, self.issues))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def rows_rejected(self) -> int:
        return count_rejected(self.issues)

    def write(self, target: str | os.PathLike, *, lang: str | None = None, overwrite: bool = False,
              **options: Any) -> Path | None:
        """Write the report the command writes: ``.xlsx``, ``.csv``, ``.json``, or ``-`` (CSV to stdout).

        The inputs are never overwritten and the file appears whole or not at all. An existing
        file is kept (``OutputError``, the line the CLI shows) unless ``overwrite=True``, the
        command's ``--force``; a missing folder is created, parents too.
        """
        if self.writer is None:
            raise TypeError(f"a {self.kind} result has no report")
        options.setdefault("inputs", self.files)
        self.writer(self, target, lang=lang or self.meta.get("lang", "ja"), overwrite=overwrite, **options)
        return None if str(target) == "-" else Path(target)
