"""The ``[budget]`` settings and how the budget code reads the config."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ledgerkit.config.loading import Config

#: defaults of the ``[budget]`` config section (to be added to config.DEFAULTS by the lead)
BUDGET_DEFAULTS = {"warning": 0.8, "over": 1.0, "rounding": "half_up"}


def _synonyms(config: Config | None, kind: str, base: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(v) for k, v in base.items()}
    if config is not None:
        for k, words in config.synonyms(kind).items():
            out[k] = list(dict.fromkeys([*out.get(k, []), *words]))
    return out


def _cfg(config: Config | None, key: str, default: Any) -> Any:
    if config is None:
        return default
    value = config.get(key)
    return default if value is None else value


def _lang(config: Config | None) -> str:
    return config.lang if config is not None else "ja"


def _exact(x: Any) -> Fraction:
    """A float setting (0.8) as the fraction a person meant (4/5), via its shortest repr."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(Decimal(repr(x)))
    return Fraction(x)
