"""Settings: the defaults, ``ledgerkit.toml`` on top of them, and a project folder.

- ``defaults``: every setting's default and comment (``DEFAULTS``, ``COMMENTS``, ``DEFAULT_APPROVAL``);
- ``loading``: ``load_config``, ``config_or_found`` (what ``config=None`` means) and ``Config``, unknown keys and wrong types refused with file:line:key;
- ``checks``: settings that cannot work together, the authority matrix's gaps and overlaps;
- ``rendering``: ``render_toml``, ``show_config``, ``markdown_reference``;
- ``templates``: where the bundled templates are;
- ``project``: ``init_project`` (``ledgerkit init``).
"""

from ledgerkit.config.defaults import CONFIG_NAME, defaults
from ledgerkit.config.loading import Config, config_or_found, load_config
from ledgerkit.config.project import init_project
from ledgerkit.config.rendering import markdown_reference, render_toml, setting_keys, show_config

__all__ = ["CONFIG_NAME", "Config", "config_or_found", "defaults", "init_project", "load_config", "markdown_reference",
           "render_toml", "setting_keys", "show_config"]
