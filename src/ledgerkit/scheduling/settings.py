"""The ``[schedule]`` settings: defaults and their comments (ja, en), as the config declares them
(``ledgerkit.config.defaults``); every option of ``ledgerkit schedule`` takes its default from here.
"""

from __future__ import annotations

from typing import Any

from ledgerkit.config.defaults import COMMENTS, DEFAULTS

SCHEDULE_DEFAULTS: dict[str, Any] = DEFAULTS["schedule"]
SCHEDULE_COMMENTS: dict[str, tuple[str, str]] = {k: v for k, v in COMMENTS.items() if k.split(".")[0] == "schedule"}
