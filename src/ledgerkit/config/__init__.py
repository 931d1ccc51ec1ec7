"""Settings: the defaults, ``ledgerkit.toml`` on top of them, and a project folder."""

from ledgerkit.config.settings import (
    CONFIG_NAME,
    Config,
    defaults,
    init_project,
    load_config,
    markdown_reference,
    render_toml,
    setting_keys,
    show_config,
)

__all__ = ["CONFIG_NAME", "Config", "defaults", "init_project", "load_config", "markdown_reference",
           "render_toml", "setting_keys", "show_config"]
