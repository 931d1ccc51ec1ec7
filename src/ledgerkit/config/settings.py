# temporary shim (issue 12 merge): re-exports config.defaults, config.loading, config.checks, config.rendering, config.templates and config.project
"""Settings: the defaults, and ``ledgerkit.toml`` on top of them, by their old module name."""

from __future__ import annotations

from ledgerkit.config.checks import check_approval, check_settings
from ledgerkit.config.defaults import (
    APPROVAL,
    COLUMNS,
    COMMENTS,
    CONFIG_NAME,
    DEFAULT_APPROVAL,
    DEFAULTS,
    ROUNDING_MODES,
    defaults,
)
from ledgerkit.config.loading import Config, key_lines, load_config
from ledgerkit.config.project import init_project
from ledgerkit.config.rendering import markdown_reference, render_toml, setting_keys, show_config, toml_value
from ledgerkit.config.templates import bundled_template_files
from ledgerkit.core.errors import ConfigError

__all__ = [
    "APPROVAL",
    "COLUMNS",
    "COMMENTS",
    "CONFIG_NAME",
    "DEFAULT_APPROVAL",
    "DEFAULTS",
    "ROUNDING_MODES",
    "Config",
    "ConfigError",
    "bundled_template_files",
    "check_approval",
    "check_settings",
    "defaults",
    "init_project",
    "key_lines",
    "load_config",
    "markdown_reference",
    "render_toml",
    "setting_keys",
    "show_config",
    "toml_value",
]
