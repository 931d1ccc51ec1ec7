"""The ``[settle]`` settings of ledgerkit.toml and their defaults."""

from __future__ import annotations

#: settings and their defaults (``[settle]`` in ledgerkit.toml)
SETTLE_DEFAULTS = {
    "hours_unit_minutes": 15,
    "hours_rounding": "down",
    "rate_rounding": "",
    "amount_rounding": "down",
    "method": "updown",
    "tax_rate": 0.10,
    "tax_rounding": "down",
    "prorate": "business_days",
}


def _setting(config, key: str):
    default = SETTLE_DEFAULTS[key]
    if config is None:
        return default
    return config.get(f"settle.{key}", default)
