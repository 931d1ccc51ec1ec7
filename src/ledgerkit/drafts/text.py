"""The sentences drafts show a person, from the message catalogue (``draft_*`` in ``ledgerkit.core.messages``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ledgerkit.core import messages


def lang_of(config: Any) -> str:
    """``ja`` or ``en``: the config's ``report.lang`` (a Config or a dict); ``ja`` by default.

    Examples:
        >>> lang_of(None), lang_of({"report": {"lang": "en"}})
        ('ja', 'en')
    """
    if config is None:
        return "ja"
    if isinstance(config, Mapping):
        lang = config.get("report", {}).get("lang", "ja") if isinstance(config.get("report"), Mapping) else "ja"
    else:
        lang = getattr(config, "lang", "ja")
    return lang if lang in ("ja", "en") else "ja"


def t(code: str, lang: str, **params: Any) -> str:
    """The catalogue's ``draft_<code>`` message in ``lang``."""
    return messages.text(f"draft_{code}", lang, **params)


def where(source: str | Path, sheet: str, rows: list[int], lang: str = "ja") -> str:
    """``requests.xlsx: 申請一覧: 5行目`` / ``requests.xlsx: 申請一覧: row 5`` (or rows 5-7)."""
    file = Path(source).name
    if not rows:
        return f"{file}: {sheet}"
    if len(rows) == 1:
        return t("row", lang, file=file, sheet=sheet, row=rows[0])
    return t("rows", lang, file=file, sheet=sheet, first=rows[0], last=rows[-1])
