"""What reading a workbook gives: its sheets as plain rows of cell values, before any
interpretation (:class:`RawWorkbook`, :class:`RawSheet`), and a sheet's name and
visibility known without reading its cells (:class:`SheetInfo`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledgerkit.intake.formulas import UnsavedFormulas

Cell = Any  # '' | str | int | float | bool | datetime.datetime | date | time | timedelta


@dataclass


class RawSheet:
    """One sheet's cells as read, before any interpretation.

    ``rows[i][j]`` is the cell at Excel row ``i + 1``, column ``j + 1`` (values: ``''``
    for empty, ``str``, ``int``, ``float``, ``bool``, ``datetime.datetime``, ``date``,
    ``time``, ``timedelta``). ``visible`` is ``visible``, ``hidden`` or ``veryhidden``.
    ``merged`` lists merged ranges as ``(r0, c0, r1, c1)``, 0-based and inclusive.
    """

    name: str
    visible: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: formula cells saved without their result (read as empty): found in the xlsx's XML
    unsaved: UnsavedFormulas | None = None
    #: False where the format has no sheet names: a CSV's ``name`` is its file's name, which
    #: says nothing of a helper or summary sheet (集計.csv may hold the hours themselves)
    named: bool = True


@dataclass


class RawWorkbook:
    """A file's sheets in workbook order; ``format`` is what the content is (not its name)."""


    path: str
    format: str
    sheets: list[RawSheet]
    #: the library that read the cells: ``calamine``, or ``openpyxl`` / ``xlrd`` when
    #: calamine refused a file they can read, or ``csv``
    reader: str = "calamine"

    def sheet(self, name: str) -> RawSheet:
        """The sheet called ``name`` (``KeyError`` if there is none)."""
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


@dataclass(frozen=True)


class SheetInfo:
    """A sheet's name and visibility, known without reading its cells."""

    name: str
    visible: str
