"""A project folder (``ledgerkit init``): ``ledgerkit.toml`` with every setting commented, and the
bundled templates copied out for a person to change."""

from __future__ import annotations

from pathlib import Path

from ledgerkit.config.defaults import CONFIG_NAME, defaults
from ledgerkit.config.rendering import render_toml
from ledgerkit.config.templates import bundled_template_files
from ledgerkit.core.errors import ConfigError
from ledgerkit.core.messages import text as _t

__all__ = ["init_project"]


def init_project(directory: str | Path = ".", *, force: bool = False, lang: str | None = None) -> list[Path]:
    """Write ``ledgerkit.toml`` (every setting, commented) and copy the bundled templates
    into ``directory/templates/``; returns the files written.

    Nothing is written when any of those files exists already, unless ``force``
    (raises ConfigError naming the file). ``lang`` (ja/en) is written as ``report.lang``.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> [p.name for p in init_project(folder)][:2]
        ['ledgerkit.toml', 'po.docx']
        >>> from ledgerkit.config.loading import load_config
        >>> load_config(cwd=folder).data == defaults()
        True
    """
    import os
    import tempfile

    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(_t("cfg_file_not_folder", lang or "ja", path=folder))
    if lang not in (None, "ja", "en"):
        raise ConfigError(_t("lang_invalid", "ja", value=lang))
    data = None
    if lang:
        data = defaults()
        data["report"]["lang"] = lang
    text = render_toml(data, full_columns=True) if data is not None else render_toml()
    targets: list[tuple[Path, str | Path]] = [(folder / CONFIG_NAME, text)]
    targets += [(folder / "templates" / name, src) for name, src in bundled_template_files().items()]
    existing = [path for path, _ in targets if path.exists()]
    if existing and not force:
        more = _t("cfg_exists_more", lang or "ja", count=len(existing) - 1) if len(existing) > 1 else ""
        raise ConfigError(_t("cfg_exists", lang or "ja", path=existing[0], more=more))
    written = []
    for path, content in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content.read_bytes())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
