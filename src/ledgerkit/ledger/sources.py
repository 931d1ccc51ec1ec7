"""Where rows came from: a file's key in the ledger (its path from the project folder) and its content.

A source is named by its path relative to the folder of ``ledgerkit.toml`` (forward
slashes; ``../`` for a file beside it), so that everyone on a team who opens the same
project folder names a file the same way, whatever drive letter or share name they reach it
by; a file on another drive keeps its absolute path. Its content is its SHA-256:
the same bytes are the same version, whatever the modification time says.

Examples:
    >>> source_key("/srv/project/hours/工数_10月.xlsx", "/srv/project", cwd="/srv/project")
    'hours/工数_10月.xlsx'
    >>> source_key("../other/a.xlsx", "/srv/project", cwd="/srv/project")
    '../other/a.xlsx'
    >>> source_key("", "/srv/project")
    ''
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileFacts", "source_key", "file_facts", "local_path"]


@dataclass(frozen=True)
class FileFacts:
    """A file's content as the ledger records it."""

    sha256: str
    size: int
    mtime: dt.datetime


def local_path(path: str, cwd: str | os.PathLike | None = None) -> Path:
    """A path as a command was given it (relative to its working folder), made absolute."""
    p = Path(path).expanduser()
    return Path(os.path.normpath(p if p.is_absolute() else Path(cwd or Path.cwd()) / p))


def source_key(path: str, base_dir: str | os.PathLike, *, cwd: str | os.PathLike | None = None) -> str:
    """The name the ledger gives the file at ``path``: relative to ``base_dir`` when inside it."""
    if not path:
        return ""
    full = local_path(path, cwd)
    base = Path(os.path.normpath(Path(base_dir).expanduser().absolute()))
    try:
        key = Path(os.path.relpath(full, base)).as_posix()
    except ValueError:  # Windows: another drive
        key = full.as_posix()
    # Windows: one file, whatever the case of its name
    return os.path.normcase(key) if os.name == "nt" else key


def file_facts(path: str, cwd: str | os.PathLike | None = None) -> FileFacts | None:
    """SHA-256, size and modification time of a file, or None when it cannot be read now."""
    full = local_path(path, cwd)
    h = hashlib.sha256()
    try:
        stat = full.stat()
        with open(full, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return FileFacts(h.hexdigest(), stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc))
