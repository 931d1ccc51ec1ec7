"""Where a report goes: the output path checked, the inputs never overwritten, the file
written atomically (a temporary file beside the target, renamed over it when complete).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from ledgerkit.core import messages
from ledgerkit.core.errors import OutputError
from ledgerkit.core.messages import shown_path
from ledgerkit.intake.files import is_own_report
from ledgerkit.reports.leftovers import prefix, remove_stale

#: errno values that mean "no room left": the disk, or the person's quota on it
DISK_FULL = frozenset(e for e in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if e is not None)
#: errno values that mean "this place may not be written"
NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def output_error(path: str | os.PathLike, exc: BaseException, lang: str = "ja") -> OutputError:
    """One line for a write that the system refused: a full disk, a folder that may not be
    written, or else the system's reason.

    Examples:
        >>> print(output_error("out/report.xlsx", OSError(28, "No space left on device"), "en"))
        cannot write out/report.xlsx: the disk is full — free some space and run again (any previous file is unchanged)
    """
    inner = exc.args[0] if not isinstance(exc, OSError) and exc.args and isinstance(exc.args[0], OSError) else exc
    code = getattr(inner, "errno", None)
    where = shown_path(path)
    if code in DISK_FULL:
        return OutputError(messages.text("output_disk_full", lang, path=where))
    reason = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    if code in NOT_WRITABLE:
        return OutputError(messages.text("output_not_writable", lang, path=where, reason=reason))
    return OutputError(messages.text("output_write_failed", lang, path=where, reason=reason))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def check_output_path(path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = (),
                      lang: str = "ja", overwrite: bool = False) -> Path:
    """Check that ``path`` can be written: not an input, not a folder, and not an existing
    file unless ``overwrite``; its folder exists or can be created (it is created when the
    report is written, by :func:`atomic_output`).

    Returns the path to write (a symlink is followed so that its target is replaced).
    Raises :class:`~ledgerkit.core.errors.OutputError` with one clear line in ``lang`` otherwise.

    Examples:
        >>> import tempfile, pathlib
        >>> old = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
        >>> _ = old.write_bytes(b"annotated by hand")
        >>> check_output_path(old, lang="en")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.OutputError: .../report.xlsx already exists: add --force to replace it
        >>> check_output_path(old, overwrite=True) == old
        True
        >>> check_output_path(old.parent / "new" / "report.xlsx").parent.exists()  # made when written
        False
    """
    target = Path(path)
    if str(path) in ("", "-"):
        raise OutputError(messages.text("output_no_name", lang))
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise OutputError(messages.text("output_is_folder", lang, path=shown_path(path)))
    _check_folder(path, target.parent, lang)
    if target.exists():
        for source in inputs:
            hit = _overwritten_input(target, source)
            if hit is not None:
                raise OutputError(messages.text("output_is_input", lang, path=shown_path(path), input=shown_path(hit)))
        if not overwrite:
            raise exists_error(path, lang)
    return target


def exists_error(path: str | os.PathLike, lang: str = "ja") -> OutputError:
    """The one line for a file that is there already and is kept: it names the file and ``--force``."""
    return OutputError(messages.text("output_exists", lang, path=shown_path(path)))


def _check_folder(path: str | os.PathLike, folder: Path, lang: str) -> None:
    """The output's folder exists, or the nearest existing folder above it is a folder (so
    it can be made): a missing folder is created when the report is written, parents too."""
    above = folder
    while not above.exists() and above.parent != above:
        if above.is_symlink():  # a dangling link where a folder is wanted
            break
        above = above.parent
    if not above.is_dir():
        raise OutputError(messages.text("output_folder_not_made", lang, path=shown_path(path),
                                        folder=shown_path(folder), reason=messages.text("output_not_folder", lang)))


def make_folder(path: str | os.PathLike, folder: Path, lang: str = "ja") -> None:
    """Create the output's ``folder`` (parents too) when missing; one line when it cannot be."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise output_error(path, exc, lang) from None
        reason = exc.strerror or type(exc).__name__
        raise OutputError(messages.text("output_folder_not_made", lang, path=shown_path(path),
                                        folder=shown_path(folder), reason=reason)) from None


#: suffixes of the files ledgerkit reads from an input folder (consolidate.SPREADSHEET_SUFFIXES)
_INPUT_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"})


def _overwritten_input(target: Path, source: str | os.PathLike) -> Path | None:
    """The input ``target`` would replace: ``source`` itself, a workbook inside the input
    folder ``source`` (folders are read recursively), or a file the glob ``source`` matches.

    A report ledgerkit wrote earlier into an input folder may be replaced (intake skips
    those); a ``.csv`` there is read as an input next time, so it is one.
    """
    import glob

    text = os.fspath(source)
    src = Path(text)
    if src.is_file():
        return src if _same_file(target, src) else None
    if src.is_dir():
        try:
            inside = target.resolve().is_relative_to(src.resolve())
        except OSError:
            return None
        if inside and target.suffix.lower() in _INPUT_SUFFIXES and not _is_ledgerkit_report(target):
            return target
        return None
    if any(ch in text for ch in "*?["):
        for match in glob.glob(text, recursive=True):
            m = Path(match)
            if m.is_file() and _same_file(target, m):
                return m
    return None


def _is_ledgerkit_report(path: Path) -> bool:
    """True for an ``.xlsx`` sealed by :class:`XlsxReport` (a copied mark is not enough:
    a vendor's file that carries it is an input, never replaced)."""
    return path.suffix.lower() == ".xlsx" and is_own_report(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _move_into_place(tmp: Path, target: Path, overwrite: bool, path, lang: str) -> None:
    """Rename the finished file over ``target``; without ``overwrite``, never over a file that
    appeared meanwhile (another run, a person saving from Excel).

    ``os.link`` makes the name only if it is free, atomically (the temporary file is then
    removed): no window between the check and the rename. Where a file system has no hard
    links (FAT, some network shares) the check is made again just before the rename.
    """
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise exists_error(path, lang) from None
    except OSError:
        if target.exists() or target.is_symlink():
            raise exists_error(path, lang) from None
        if os.name == "nt":  # pragma: no cover - Windows: rename never replaces a file
            try:
                os.rename(tmp, target)
            except FileExistsError:
                raise exists_error(path, lang) from None
        else:
            os.replace(tmp, target)
        return
    with contextlib.suppress(OSError):
        tmp.unlink()


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = (), lang: str = "ja",
    overwrite: bool = False,
) -> Iterator[Path]:
    """Write ``path`` all at once: yield a temporary path beside it, then rename.

    The temporary file lives in the same folder (so the final ``os.replace`` is atomic)
    and is hidden (``.name.TAG.XXXX.partial``, see :mod:`~ledgerkit.reports.leftovers`). If the
    body raises — or is interrupted — the temporary file is removed and ``path`` is left as it
    was; what a killed run left beside ``path`` is removed first. A missing folder is
    created (parents too). Refuses (``OutputError``) when ``path`` is one of ``inputs``
    (same file, also through a symlink or hard link), and when ``path`` exists unless
    ``overwrite`` — checked before the body runs and again, without a race, at the rename
    (see :func:`_move_into_place`). A write the system refuses (a full disk, a read-only
    folder) is an ``OutputError`` in one line, in ``lang``.

    With ``overwrite``, two runs writing the same ``path`` at once each write a whole file:
    the last to finish wins; without it, the second is refused.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> with atomic_output(folder / "out.txt") as tmp:
        ...     _ = tmp.write_text("done")
        >>> (folder / "out.txt").read_text(), sorted(p.name for p in folder.iterdir())
        ('done', ['out.txt'])
    """
    target = check_output_path(path, inputs=inputs, lang=lang, overwrite=overwrite)
    make_folder(path, target.parent, lang)
    remove_stale(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix(target), suffix=".partial", dir=target.parent)
    except OSError as exc:
        # a read-only folder, a full disk: the person's problem to fix, said in one line
        raise output_error(path, exc, lang) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
            # mkstemp makes the file private (0600); give the report the usual permissions.
            os.chmod(tmp, 0o666 & ~_umask())
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            raise output_error(path, exc, lang) from exc
        try:
            _move_into_place(tmp, target, overwrite, path, lang)
        except PermissionError as exc:
            raise OutputError(messages.text("output_open_elsewhere", lang, path=shown_path(path))) from exc
        except OSError as exc:
            raise output_error(path, exc, lang) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
