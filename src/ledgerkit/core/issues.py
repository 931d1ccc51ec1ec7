"""What ledgerkit could not read, skipped, or wants a person to look at.

Every skipped file, sheet, row and unreadable cell becomes an :class:`Issue` with its
location as Excel shows it (file, sheet, row number, column header). Pipelines collect
them and return them beside their frame; reports list them on an Issues sheet.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable

from ledgerkit.core import messages

#: the columns of an issues table, in order
ISSUE_COLUMNS = [
    "severity",
    "scope",
    "code",
    "message",
    "source_file",
    "source_sheet",
    "source_row",
    "column",
    "value",
]


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing a person should know about the input: ledgerkit's one finding type.

    A row or cell that could not be read, a sheet or file skipped, and a rule that a
    check found broken (a tax that does not add up) are all Issues. ``code`` is a stable
    key (also the message's key in :mod:`ledgerkit.core.messages`); ``params`` fill the
    message. ``rejected`` is True when the row it names is *not* in the output, so that
    rows read = rows consolidated + rows rejected can be checked.

    A check's finding also says which canonical ``field`` is at fault (``tax``,
    ``registration_no``: reports highlight that cell), the figure it ``expected`` (text, or
    ``{"ja": ..., "en": ...}``) and ``ref``, the document it concerns (the invoice or order
    number).

    Examples:
        >>> i = Issue("total_row", file="a.xlsx", sheet="10月", row=12, rejected=True)
        >>> i.message("en")
        'total row (合計/小計): not data'
    """

    code: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    severity: str = "info"
    scope: str = "row"
    rejected: bool = False
    params: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)
    field: str = ""
    expected: Any = dataclasses.field(default="", compare=False, hash=False)
    ref: str = ""

    def message(self, lang: str = "ja") -> str:
        """The reason in words, in Japanese (``ja``) or English (``en``)."""
        return messages.text(self.code, lang, **self.params)

    def at(self, **where: Any) -> "Issue":
        """The same issue placed at ``file``/``sheet``/``row``/``column``/``ref`` (None leaves a part as it is)."""
        return replace(self, **{k: v for k, v in where.items() if v is not None})

    def expected_text(self, lang: str = "ja") -> str:
        """``expected`` in ``lang`` (an expectation in words may be given in both languages)."""
        if isinstance(self.expected, dict):
            return self.expected.get(lang, self.expected.get("en", ""))
        return self.expected

    def location(self, lang: str = "ja") -> str:
        """``file / sheet / 12行 / column`` (``row 12`` in English), as much of it as is known."""
        return location_text(self.file, self.sheet, self.row, self.column, lang)

    def as_record(self, lang: str = "ja") -> dict:
        """A flat dict with the columns of :data:`ISSUE_COLUMNS`."""
        return {
            "severity": self.severity,
            "scope": self.scope,
            "code": self.code,
            "message": self.message(lang),
            "source_file": self.file,
            "source_sheet": self.sheet,
            "source_row": self.row,
            "column": self.column,
            "value": self.value,
        }


def location_text(file: str = "", sheet: str = "", row: int | None = None, column: str = "",
                  lang: str = "ja") -> str:
    """``file / sheet / 12行 / column`` in ``lang`` (``row 12`` in English), the parts that are given.

    Examples:
        >>> location_text("a.xlsx", "10月", 3)
        'a.xlsx / 10月 / 3行'
        >>> location_text("a.xlsx", "10月", 3, lang="en")
        'a.xlsx / 10月 / row 3'
    """
    parts = [file, sheet, "" if row is None else messages.text("row_n", lang, row=row), column]
    return " / ".join(str(p) for p in parts if p)


def location_param(file: str = "", sheet: str = "", row: int | None = None, column: str = "") -> dict[str, str]:
    """Another row's place as a message parameter: ``{"ja": ..., "en": ...}``, the message's language
    picked when it is shown (:func:`ledgerkit.core.messages.text`), so a Japanese line never says
    ``row 3``. The file, sheet and row themselves are the Issue's own fields.

    Examples:
        >>> location_param("a.xlsx", "s", 3)
        {'ja': 'a.xlsx / s / 3行', 'en': 'a.xlsx / s / row 3'}
    """
    return {lang: location_text(file, sheet, row, column, lang) for lang in ("ja", "en")}


def issues_frame(issues: Iterable[Issue], lang: str = "ja"):
    """The issues as a DataFrame with :data:`ISSUE_COLUMNS`."""
    import pandas as pd

    records = [i.as_record(lang) for i in issues]
    frame = pd.DataFrame.from_records(records, columns=ISSUE_COLUMNS)
    return frame.astype({"source_row": "Int64"})


def count_rejected(issues: Iterable[Issue]) -> int:
    """How many distinct source rows the issues reject."""
    return len({(i.file, i.sheet, i.row) for i in issues if i.rejected and i.row is not None})


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity == "error" for i in issues)


__all__ = ["Issue", "ISSUE_COLUMNS", "issues_frame", "location_text", "location_param", "count_rejected", "has_errors",
           "asdict"]
