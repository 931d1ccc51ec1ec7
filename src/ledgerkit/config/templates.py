"""Where the bundled templates are: ``ledgerkit/templates`` inside the wheel, the top-level
``templates/`` in a source checkout.

Examples:
    >>> "ringi.md.j2" in bundled_templates()
    True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["template_dirs", "bundled_templates", "bundled_template_files"]


def template_dirs() -> list[Path]:
    """Folders searched for a template given by name, in order."""
    here = Path(__file__).resolve().parent.parent  # src/ledgerkit
    dirs = [here / "templates", here.parent.parent / "templates"]
    return [d for d in dirs if d.is_dir()]


def bundled_templates() -> list[str]:
    """Names of the templates that ship with ledgerkit."""
    names: set[str] = set()
    for d in template_dirs():
        names.update(p.name for p in d.iterdir() if p.suffix in (".j2", ".xlsx", ".docx") and not p.name.startswith(("~$", ".~lock")))
    return sorted(names)


def bundled_template_files() -> dict[str, Path]:
    """Name -> file of every template that ships with ledgerkit (the first folder wins)."""
    files: dict[str, Path] = {}
    for name in bundled_templates():
        for folder in template_dirs():
            if (folder / name).is_file():
                files[name] = folder / name
                break
    return files
