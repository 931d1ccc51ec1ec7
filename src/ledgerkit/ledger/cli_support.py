"""What a command's ``--record`` calls: the ledger of the config, the result recorded, the lines to print."""

from __future__ import annotations

from typing import Any

from ledgerkit.ledger.book import Ledger
from ledgerkit.ledger.outcome import Recording

__all__ = ["record_from_cli", "settings_of"]


def settings_of(config) -> dict[str, Any]:
    """The settings a run used that are not the defaults (where ``ledgerkit.toml`` or an option set them)."""
    settings: dict[str, Any] = {key: config.get(key) for key in sorted(getattr(config, "sources", {}))}
    if getattr(config, "path", None) is not None:
        settings["_config"] = str(config.path)
    return settings


def record_from_cli(result, config, *, command: str, kind: str | None = None) -> Recording:
    """Record ``result`` in the ledger ``[ledger] url`` names; return what changed.

    Examples:
        >>> import pandas as pd, tempfile
        >>> from ledgerkit.config.loading import Config
        >>> from ledgerkit.core.result import Result
        >>> config = Config()
        >>> config.data["ledger"]["url"] = "sqlite:///" + tempfile.mkdtemp() + "/ledger.db"
        >>> rows = pd.DataFrame({"person": ["山田"], "month": ["2026-10"], "hours": [8.0], "source_file": ["y.xlsx"]})
        >>> record_from_cli(Result("hours", rows), config, command="ledgerkit aggregate y.xlsx --record").lines("en")
        ['Recorded in the ledger (run #1): files 1 new, 0 changed, 0 unchanged; rows +1 / -0']
    """
    with Ledger.from_config(config) as ledger:
        return ledger.record(result, kind=kind, command=command, settings=settings_of(config), lang=config.lang)
