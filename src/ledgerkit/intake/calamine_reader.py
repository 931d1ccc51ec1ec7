"""Reading with python-calamine (Rust): the first reader of every xlsx, xlsm, xlsb, xls
and ods file, with whatever it raises — ``PanicException`` included — turned into one
refusal.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.bounds import _clip_merged
from ledgerkit.intake.raw import RawSheet, RawWorkbook
from ledgerkit.intake.refusals import _refuse
from ledgerkit.intake.sniff import Sniffed

# The file extension calamine picks its reader by, for each sniffed format.
_CALAMINE_SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsm", "xlsb": ".xlsb", "ods": ".ods", "xls": ".xls"}


def _is_worksheet(meta) -> bool:
    """Chart, dialog and macro sheets hold no cells to read."""
    return str(getattr(meta, "typ", "")).rsplit(".", 1)[-1].lower() in ("", "worksheet")


class _calamine_path:
    """The file under a name whose extension tells calamine which reader to use.

    calamine chooses its reader by extension; a file whose extension lies (an xlsx
    named ``.xls``) is given to it through a symlink (or copy) with the right one.
    """

    def __init__(self, path: Path, kind: Sniffed):
        self.path = path
        self.suffix = _CALAMINE_SUFFIX[kind.format]
        self.tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> str:
        if self.path.suffix.lower() == self.suffix:
            return str(self.path)
        self.tmp = tempfile.TemporaryDirectory(prefix="ledgerkit-")
        link = Path(self.tmp.name) / ("book" + self.suffix)
        try:
            link.symlink_to(self.path.resolve())
        except OSError:
            import shutil

            shutil.copyfile(self.path, link)
        return str(link)

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


def _open_calamine(path: Path, cpath: str, lang: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(cpath)
    except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
        raise _calamine_error(path, e, lang) from None


def _close(wb) -> None:
    try:
        wb.close()
    except BaseException:  # noqa: BLE001
        pass


def _visibility(v) -> str:
    name = getattr(v, "name", None) or str(v).rsplit(".", 1)[-1]
    return {"visible": "visible", "hidden": "hidden", "veryhidden": "veryhidden"}.get(name.lower(), "visible")


def _calamine_error(path: Path, e: BaseException, lang: str) -> UnreadableFileError:
    """Translate whatever calamine raised into one refusal."""
    if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise e
    if isinstance(e, UnreadableFileError):
        return e
    if isinstance(e, MemoryError):
        return _refuse(path, "out_of_memory", "file_out_of_memory", lang)
    name = type(e).__name__
    text = " ".join(str(e).split())
    low = text.lower()
    if name == "PasswordError" or "password" in low:
        return _refuse(path, "encrypted", "file_encrypted", lang)
    if "cell limit exceeded" in low:
        m = re.search(r"(\d+) cells requested, max (\d+)", text)
        cells, limit = (f"{int(m.group(1)):,}", f"{int(m.group(2)):,}") if m else ("?", "?")
        return _refuse(path, "too_many_cells", "file_too_many_cells_claimed", lang, cells=cells, limit=limit)
    if "could not find eocd" in low or "unexpected eof" in low:
        return _refuse(path, "truncated", "file_truncated", lang)
    if "past end of file" in low and _size(path) % 512:
        # OLE2 files are whole 512-byte sectors; a chain that runs off a file of
        # another length means the tail is missing.
        return _refuse(path, "truncated", "file_truncated", lang)
    if name == "PanicException":
        detail = f"calamine panic: {text[:100]}"
    elif name == "CalamineError" and text.lower().startswith("cfb error"):
        detail = text[:120]
    else:
        detail = f"{name}: {text[:120]}" if text else name
    return _refuse(path, "corrupt", "file_corrupt", lang, detail=detail)


def _read_calamine(
    path: Path,
    kind: Sniffed,
    lang: str,
    *,
    nrows: int | None,
    wanted: set[str] | None,
    include_hidden: bool,
    max_cells: int,
) -> RawWorkbook:
    out: list[RawSheet] = []
    with _calamine_path(path, kind) as cpath:
        wb = _open_calamine(path, cpath, lang)
        try:
            for meta in wb.sheets_metadata:
                visible = _visibility(meta.visible)
                if wanted is not None and meta.name not in wanted:
                    continue
                if not include_hidden and visible != "visible":
                    continue
                if not _is_worksheet(meta):
                    continue
                out.append(_read_sheet(path, wb, meta.name, visible, lang, nrows=nrows, max_cells=max_cells))
        except UnreadableFileError:
            raise
        except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
            raise _calamine_error(path, e, lang) from None
        finally:
            _close(wb)
    return RawWorkbook(str(path), kind.format, out)


def _read_sheet(path, wb, name: str, visible: str, lang: str, *, nrows: int | None, max_cells: int) -> RawSheet:
    sheet = wb.get_sheet_by_name(name)
    end = sheet.end
    if end is None:
        return RawSheet(name, visible, [], [])
    height, width = end[0] + 1, end[1] + 1
    if nrows is not None:
        height = min(height, max(0, nrows))
    # Converting to Python objects is where a huge grid would cost memory: bound it first.
    if height * width > max_cells:
        raise _refuse(
            path, "too_many_cells", "file_too_many_cells", lang,
            sheet=name, cells=f"{height * width:,}", limit=f"{max_cells:,}",
        )
    rows = sheet.to_python(skip_empty_area=False, nrows=nrows) if height else []
    # calamine gives a fresh list per row (copying 300,000 rows again costs a third of
    # a second); anything else is made a list
    if rows.__class__ is not list or not all(map(list.__instancecheck__, rows)):
        rows = [list(r) for r in rows]
    # calamine starts at A1 with skip_empty_area=False; pad ragged rows to the grid width
    if min(map(len, rows), default=width) < width:
        for r in rows:
            if len(r) < width:
                r.extend([""] * (width - len(r)))
    # a merge is cut to the grid read: nothing downstream widens a row past it
    return RawSheet(name, visible, rows, _clip_merged(path, name, _merged(sheet), len(rows), width, max_cells, lang))


def _merged(sheet) -> list[tuple[int, int, int, int]]:
    try:
        ranges = sheet.merged_cell_ranges
    except BaseException:  # noqa: BLE001
        return []
    if not ranges:
        return []
    out = []
    for (r0, c0), (r1, c1) in ranges:
        out.append((int(r0), int(c0), int(r1), int(c1)))
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
