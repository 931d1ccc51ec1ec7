"""The unit hours are written in: hours, person-days (人日), person-months (人月), minutes."""

from __future__ import annotations

import re
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.detect.headers import header_key
from ledgerkit.detect.labels import title_texts
from ledgerkit.parse.text import normalize_text

_UNIT_HEADERS = {"単位", "工数単位", "unit"}


def _row_unit(v: Any, config: Config) -> float:
    """Hours per unit written in a 単位 cell; 0 when the text is no unit.

    Examples:
        >>> from ledgerkit.config import Config
        >>> [_row_unit(v, Config()) for v in ("時間", "ｈ", "人日", "人月", "分", "個")]
        [1.0, 1.0, 8.0, 160.0, 0.016666666666666666, 0]
    """
    key = normalize_text(v).lower()
    if key in ("時間", "h", "hr", "hrs", "hour", "hours", "時"):
        return 1.0
    if key in ("人日", "日", "md", "day", "days", "person-day", "人/日"):
        return float(config.get("hours.hours_per_day", 8.0))
    if key in ("人月", "mm", "月", "person-month"):
        return float(config.get("hours.hours_per_month", 160.0))
    if key in ("分", "min", "mins", "minutes"):
        return 1 / 60
    return 0


def _unit_factor(header: str, config: Config) -> float:
    """Hours per unit named in a header: 工数(人日) or 工数(日) → 8, (人月) → 160, (分) → 1/60.

    Examples:
        >>> from ledgerkit.config import Config
        >>> [_unit_factor(h, Config()) for h in ("工数(人日)", "工数（日）", "実績(days)", "工数(h)", "日付")]
        [8.0, 8.0, 8.0, 1.0, 1.0]
    """
    key = header_key(header)
    if "人月" in key:
        return float(config.get("hours.hours_per_month", 160.0))
    if "人日" in key or re.search(r"[\(\[](日|days?|md)[\)\]]", key):
        return float(config.get("hours.hours_per_day", 8.0))
    if re.search(r"[\(\[]分[\)\]]|\(min\)|minutes", key):
        return 1 / 60
    return 1.0


# A unit written above a day grid: 単位：人日, 工数（人日）, (単位: 分)
_GRID_UNIT = re.compile(r"単位\s*[:：]?\s*[\(\[]?\s*(人日|人月|分|時間|h)|[\(\[]\s*(人日|人月)\s*[\)\]]", re.IGNORECASE)


def _grid_unit(rows, grid, config: Config) -> tuple[str, float]:
    """The unit a day grid's cells are in, from a title or the label cells: ('人日', 8.0).

    A grid says its unit once, above the days; without one the cells are hours.
    """
    first_day = min(grid.days)
    texts = title_texts(rows, grid.header_row)
    texts += [v for v in rows[grid.header_row][:first_day] if isinstance(v, str)]
    return _stated_unit(texts, config)


def _stated_unit(texts: list[str], config: Config) -> tuple[str, float]:
    """The first unit stated in ``texts`` (単位：人日, (人月), 単位:分) and hours per unit."""
    for text in texts:
        m = _GRID_UNIT.search(normalize_text(text))
        if m:
            unit = (m.group(1) or m.group(2)).lower()
            if unit == "人月":
                return unit, float(config.get("hours.hours_per_month", 160.0))
            if unit == "人日":
                return unit, float(config.get("hours.hours_per_day", 8.0))
            if unit == "分":
                return unit, 1 / 60
            return "", 1.0
    return "", 1.0
