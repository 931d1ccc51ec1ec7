"""Which files a command reads: folders, globs, lock files, copies, links and own reports.

:func:`collect_inputs` turns what a person typed (files, folders read recursively, glob
patterns) into the list of files to read, in a stable order, with an Issue for every file
left out and why: an Excel lock file (``~$``), a byte-identical copy saved "just in case",
a link inside a folder, a file that is not a spreadsheet.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Iterable

from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue

#: file suffixes read from folders
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"}
_GLOB_CHARS = set("*?[")

#: the mark ledgerkit's xlsx reports carry in their document properties
REPORT_MARK = "ledgerkit report"


def collect_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Issue]]:
    """Expand files, folders (recursive) and glob patterns; skip lock files and copies.

    Returns the files to read, in a stable order, and an issue for each file skipped.
    A path that does not exist is an InputError.
    """
    found: list[Path] = []
    issues: list[Issue] = []
    for raw in paths:
        text = os.fspath(raw)
        if any(ch in text for ch in _GLOB_CHARS) and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: no file matches this pattern")
            candidates = [Path(m) for m in matches]
        else:
            candidates = [Path(text)]
        for p in candidates:
            if p.is_dir():
                for child in sorted(p.rglob("*")):
                    if any(part.startswith(".") for part in child.relative_to(p).parts):
                        continue
                    if child.is_symlink():
                        # a link inside a folder may point anywhere on the machine: only a
                        # file named on the command line is followed
                        issues.append(Issue("symlink_skipped", str(child), scope="file"))
                        continue
                    if not child.is_file():
                        continue
                    if child.suffix.lower() in SPREADSHEET_SUFFIXES or child.name.startswith("~$"):
                        found.append(child)
                    else:
                        issues.append(Issue("unsupported_file", str(child), scope="file"))
            elif p.is_file():
                found.append(p)
            elif not p.exists():
                raise InputError(f"{text}: no such file or folder")
    # the original before its copies ("… - コピー.xlsx", "(1).xlsx"), so a copy is what is skipped
    found.sort(key=lambda p: (looks_like_copy(p.stem), str(p)))
    files: list[Path] = []
    seen_paths: set[Path] = set()
    seen_hashes: dict[str, Path] = {}
    for p in found:
        real = p.resolve()
        if real in seen_paths:
            continue
        seen_paths.add(real)
        if p.name.startswith("~$"):
            issues.append(Issue("lock_file", str(p), scope="file"))
            continue
        digest = _sha256(p)
        if digest in seen_hashes:
            issues.append(
                Issue("duplicate_file", str(p), scope="file", params={"original": str(seen_hashes[digest])})
            )
            continue
        seen_hashes[digest] = p
        files.append(p)
    return files, issues


_COPY_NAME = re.compile(r"コピー|copy|\(\d+\)$|（\d+）$|_bak$|\.bak$|バックアップ|backup|_old$|控え", re.IGNORECASE)


def looks_like_copy(stem: str) -> bool:
    """``山田 - コピー``, ``Copy of 山田``, ``山田 (1)``, ``山田_bak``: a copy saved just in case.

    Names from a Mac (a zip made in Finder) spell コピー decomposed (ヒ + ゜); NFKC first.

    Examples:
        >>> looks_like_copy("工数_山田 - \u30b3\u30d2\u309a\u30fc"), looks_like_copy("工数_山田（1）")
        (True, True)
    """
    return bool(_COPY_NAME.search(unicodedata.normalize("NFKC", stem)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as e:
        raise InputError(f"{path}: cannot open ({e.strerror or e.__class__.__name__})") from None
    return h.hexdigest()


def is_own_report(path: Path) -> bool:
    """True for an xlsx that ledgerkit's writers marked as their report."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            return REPORT_MARK.encode() in z.read(info)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def nothing_to_read(paths, skipped: list[Issue]) -> str:
    """One line for an input that holds no workbook to read (an empty folder, only copies)."""
    where = ", ".join(os.fspath(p) for p in paths)
    if not skipped:
        return f"{where}: no spreadsheet files (.xlsx .xlsm .xls .ods .csv) found"
    reasons = sorted({i.message("en").split(":")[0] for i in skipped})
    return f"{where}: nothing to read — {len(skipped)} file(s) skipped ({'; '.join(reasons)})"
