"""Where a sheet-wide value (the person of a 工数表 or 勤務表, its month) was found, in words for
``inspect``: ``セル B2`` / ``cell B2``, ``シート名`` / ``sheet name``, ``ファイル名`` / ``file name``…

Readers record the place as a code (a cell reference, ``"sheet name"``, ``"file name"``,
``"date column"``, ``"created"``, ``"--person"``) and word it in the run's language here.

Examples:
    >>> found_in("B2", "ja"), found_in("B2", "en"), found_in("file name", "en")
    ('セル B2', 'cell B2', 'file name')
    >>> shown_with_source("田中", "sheet name", "ja")
    '田中 (シート名)'
"""

from __future__ import annotations

from ledgerkit.core import messages

#: a place code → its message key
_KEYS = {
    "sheet name": "found_in_sheet_name",
    "file name": "found_in_file_name",
    "date column": "found_in_date_column",
    "created": "found_in_created",
    "--person": "found_by_option",
}


def found_in(where: str, lang: str = "ja") -> str:
    """The place code ``where`` in words (any other code is a cell reference)."""
    key = _KEYS.get(where)
    return messages.text(key, lang) if key else messages.text("found_in_cell", lang, cell=where)


def shown_with_source(value: str, where: str, lang: str = "ja") -> str:
    """``value (where it was found)``, as ``inspect`` lists it."""
    return f"{value} ({found_in(where, lang)})"
