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

from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.messages import shown_path
from ledgerkit.core.issues import Issue

#: file suffixes read from folders
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"}
_GLOB_CHARS = set("*?[")

#: the mark ledgerkit's xlsx reports carry in their document properties
REPORT_MARK = "ledgerkit report"


def collect_inputs(
    paths: Iterable[str | os.PathLike], *, lang: str = "ja", max_bytes: int | None = None
) -> tuple[list[Path], list[Issue]]:
    """Expand files, folders (recursive) and glob patterns; skip lock files and copies.

    Returns the files to read, in a stable order, and an issue for each path left out:
    every path given is accounted for. A path that does not exist is an InputError (in
    ``lang``); a FIFO, device or socket is listed (``not_regular_file``), never opened.
    Byte-identical copies are found by size first, so only files that share a size are
    hashed, and a file over ``max_bytes`` (refused later anyway) never is.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.csv").write_text("x"); _ = (d / "a - コピー.csv").write_text("x")
        >>> files, issues = collect_inputs([d])
        >>> [f.name for f in files], [i.code for i in issues]
        (['a.csv'], ['duplicate_file'])
    """
    found: list[Path] = []
    issues: list[Issue] = []
    for raw in paths:
        text = os.fspath(raw)
        for p in _expand(text, lang):
            if p.is_dir():
                _walk_folder(p, found, issues)
            elif p.is_file():
                found.append(p)
            elif p.exists():
                # a FIFO or a device would block or never end: named, never opened
                issues.append(Issue("not_regular_file", str(p), scope="file", severity="warning"))
            else:
                raise InputError(messages.text("input_not_found", lang, path=shown_path(text)))
    # the original before its copies ("… - コピー.xlsx", "(1).xlsx"), so a copy is what is skipped
    found.sort(key=lambda p: (looks_like_copy(p.stem), str(p)))
    files: list[Path] = []
    seen_paths: set[Path] = set()
    for p in found:
        real = p.resolve()
        if real in seen_paths:
            continue
        seen_paths.add(real)
        if p.name.startswith("~$"):
            issues.append(lock_file_issue(p))
            continue
        files.append(p)
    files, copies = _drop_copies(files, lang, max_bytes)
    return files, issues + copies


def _expand(text: str, lang: str) -> list[Path]:
    if any(ch in text for ch in _GLOB_CHARS) and not Path(text).exists():
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            raise InputError(messages.text("input_no_match", lang, pattern=shown_path(text)))
        return [Path(m) for m in matches]
    return [Path(text)]


def _walk_folder(folder: Path, found: list[Path], issues: list[Issue]) -> None:
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts):
            continue
        if child.is_symlink():
            # a link inside a folder may point anywhere on the machine: only a
            # file named on the command line is followed
            issues.append(Issue("symlink_skipped", str(child), scope="file"))
            continue
        if child.is_dir():
            continue
        if not child.is_file():
            issues.append(Issue("not_regular_file", str(child), scope="file", severity="warning"))
        elif child.suffix.lower() in SPREADSHEET_SUFFIXES or child.name.startswith("~$"):
            found.append(child)
        else:
            issues.append(Issue("unsupported_file", str(child), scope="file"))


def _drop_copies(files: list[Path], lang: str, max_bytes: int | None) -> tuple[list[Path], list[Issue]]:
    """Files that are byte for byte an earlier one are left out (listed as ``duplicate_file``)."""
    sizes: dict[int, int] = {}
    size_of: dict[Path, int] = {}
    for p in files:
        try:
            size_of[p] = p.stat().st_size
        except OSError as e:
            raise InputError(messages.text("input_cannot_open", lang, path=shown_path(p), error=e.strerror or type(e).__name__)) from None
        sizes[size_of[p]] = sizes.get(size_of[p], 0) + 1
    kept: list[Path] = []
    issues: list[Issue] = []
    seen: dict[str, Path] = {}
    for p in files:
        size = size_of[p]
        # a copy has the size of its original: only files that share a size are hashed
        if sizes[size] < 2 or (max_bytes is not None and size > max_bytes):
            kept.append(p)
            continue
        digest = _sha256(p, lang)
        if digest in seen:
            issues.append(Issue("duplicate_file", str(p), scope="file", params={"original": str(seen[digest])}))
            continue
        seen[digest] = p
        kept.append(p)
    return kept, issues


#: what a copy's name adds to its original's: "… - コピー", "… - コピー (2)", "コピー ～ …", "Copy of …",
#: "… (1)", "…（1）", "…_bak", "…_old", "…_控え", "…_コピー"
_COPY_PARTS = re.compile(
    r"^(?:コピー\s*[～~〜]\s*|copy of\s+)|[\s_.\-－]*(?:コピー|copy|backup|バックアップ|bak|old|控え)"
    r"(?:\s*[(（]\d+[)）]|\s+\d+)?$|\s*[(（]\d+[)）]$", re.IGNORECASE)


def original_stem(stem: str) -> str:
    """The name a copy was made from: ``工数_山田 - コピー`` → ``工数_山田``; a name that is no copy as it is.

    Examples:
        >>> original_stem("工数_山田 - コピー"), original_stem("コピー ～ 工数_山田"), original_stem("工数_山田 (2)")
        ('工数_山田', '工数_山田', '工数_山田')
        >>> original_stem("Copy of 工数_山田"), original_stem("工数_山田_bak"), original_stem("工数_山田 - コピー (2)")
        ('工数_山田', '工数_山田', '工数_山田')
        >>> original_stem("工数_山田 - コピー - コピー"), original_stem("工数_山田.bak"), original_stem("工数 山田 copy 2")
        ('工数_山田', '工数_山田', '工数 山田')
    """
    text = unicodedata.normalize("NFKC", stem)
    # a copy of a copy (… - コピー - コピー): taken off until nothing more is
    while (shorter := _COPY_PARTS.sub("", text).strip()) and shorter != text:
        text = shorter
    return text


def edited_copies(files: list[Path]) -> list[Issue]:
    """A copy whose original is read too but whose content is not the original's (a byte-identical
    one is left out before): read, its entries found in both counted once by the kind's
    finishing, and said (``copy_differs``, a warning) — an old copy kept "just in case" shows
    its stale cells as errors of its own, which puzzles whoever fixed the original."""
    by_stem = {(p.parent, unicodedata.normalize("NFKC", p.stem)): p for p in files if not looks_like_copy(p.stem)}
    issues = []
    for p in files:
        if looks_like_copy(p.stem):
            original = by_stem.get((p.parent, original_stem(p.stem)))
            if original is not None:
                issues.append(Issue("copy_differs", str(p), scope="file", severity="warning",
                                    params={"original": original.name}))
    return issues


def lock_file_issue(path: Path) -> Issue:
    """``~$山田.xlsx``: Excel has ``山田.xlsx`` open right now, so the file read may be stale (a warning)."""
    original = path.with_name(path.name[2:])
    return Issue("lock_file", str(path), scope="file", severity="warning", params={"original": original.name})


_COPY_NAME = re.compile(r"コピー|copy|\(\d+\)$|（\d+）$|_bak$|\.bak$|バックアップ|backup|_old$|控え", re.IGNORECASE)


def looks_like_copy(stem: str) -> bool:
    """``山田 - コピー``, ``Copy of 山田``, ``山田 (1)``, ``山田_bak``: a copy saved just in case.

    Names from a Mac (a zip made in Finder) spell コピー decomposed (ヒ + ゜); NFKC first.

    Examples:
        >>> looks_like_copy("工数_山田 - \u30b3\u30d2\u309a\u30fc"), looks_like_copy("工数_山田（1）")
        (True, True)
    """
    return bool(_COPY_NAME.search(unicodedata.normalize("NFKC", stem)))


def _sha256(path: Path, lang: str = "ja") -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as e:
        raise InputError(messages.text("input_cannot_open", lang, path=shown_path(path), error=e.strerror or type(e).__name__)) from None
    return h.hexdigest()


# --- ledgerkit's own reports ---------------------------------------------------------------
#
# A report ledgerkit wrote may be saved into a folder it reads; its rows would then count
# twice. The text REPORT_MARK in the document properties says so to a person, but anyone can
# copy it (a vendor's template made from a report): alone it hides nothing. What counts is the
# seal XlsxReport writes in the zip's comment when it closes the file: a SHA-256 over every part
# of the package (name, size and CRC-32 of its content, from the zip's central directory). A
# copied comment does not match other content; a report edited and saved again by Excel or
# LibreOffice loses the comment (its content is no longer ledgerkit's) and is read as input,
# with a warning when it still carries the mark. Checking it reads the central directory only:
# nothing is decompressed, so a damaged or hostile zip costs nothing here.

#: the start of the zip comment that seals a report ledgerkit wrote
SEAL_PREFIX = b"ledgerkit-report-seal/1 sha256="
_SEAL_MAX_PARTS = 10_000


def _seal_digest(infos: Iterable[zipfile.ZipInfo]) -> str:
    h = hashlib.sha256(b"ledgerkit report seal\0")
    for i in sorted(infos, key=lambda i: i.filename):
        h.update(f"{i.filename}\0{i.file_size}\0{i.CRC:08x}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def seal_report(path: str | os.PathLike) -> None:
    """Seal the xlsx at ``path`` as a report ledgerkit wrote (its zip comment; see above).

    Called by :class:`~ledgerkit.reports.XlsxReport` on the finished temporary file, before
    it is renamed into place. Only the end of the zip is rewritten.
    """
    with zipfile.ZipFile(path, "a") as zf:
        zf.comment = SEAL_PREFIX + _seal_digest(zf.infolist()).encode("ascii")


def report_state(path: str | os.PathLike, *, zf: zipfile.ZipFile | None = None) -> str:
    """``sealed`` for a report ledgerkit wrote (unchanged since), ``marked`` for a workbook
    that only carries the mark's text, ``""`` for anything else (a damaged zip included).

    ``zf``: the same file already opened (:func:`~ledgerkit.intake.sniff.open_zip`), so that
    its directory is not read again."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return ""
    try:
        if zf is not None:
            return _report_state(zf)
        with zipfile.ZipFile(path) as opened:
            return _report_state(opened)
    except Exception:  # noqa: BLE001 - zlib.error, BadZipFile, KeyError, OSError…: not a report of ours
        return ""


def _report_state(zf: zipfile.ZipFile) -> str:
    infos = zf.infolist()
    if len(infos) > _SEAL_MAX_PARTS:
        return ""
    comment = zf.comment
    if comment.startswith(SEAL_PREFIX) and comment[len(SEAL_PREFIX):] == _seal_digest(infos).encode("ascii"):
        return "sealed"
    info = zf.getinfo("docProps/core.xml")
    if info.file_size <= 1 << 16 and REPORT_MARK.encode() in zf.read(info):
        return "marked"
    return ""


def is_own_report(path: str | os.PathLike) -> bool:
    """True for an xlsx that ledgerkit's writers sealed as their report (and nobody changed since)."""
    return report_state(path) == "sealed"


def own_report_issue(path: str | os.PathLike, *, zf: zipfile.ZipFile | None = None) -> Issue | None:
    """What intake says about ``path`` as a possible report of ledgerkit's, or None.

    ``own_report`` (a warning: the file is skipped, counted as skipped) for a sealed report;
    ``report_mark_unverified`` (a warning: the file is read) for a workbook that carries the
    mark's text without the seal. ``zf`` as for :func:`report_state`.
    """
    state = report_state(path, zf=zf)
    if state == "sealed":
        return Issue("own_report", str(path), scope="file", severity="warning")
    if state == "marked":
        return Issue("report_mark_unverified", str(path), scope="file", severity="warning")
    return None


def nothing_to_read(paths, skipped: list[Issue], lang: str = "ja") -> str:
    """One line for an input that holds no workbook to read (an empty folder, only copies, a lock file)."""
    where = ", ".join(shown_path(p) for p in paths)
    if not skipped:
        return messages.text("input_no_spreadsheet", lang, path=where)
    reasons = sorted({i.message(lang) for i in skipped})
    return messages.text("input_nothing_to_read", lang, path=where, count=len(skipped), reasons="; ".join(reasons))
