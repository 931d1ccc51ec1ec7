"""An Excel report built sheet by sheet and written atomically: :class:`XlsxReport`.

The workbook, its formats, its sheets and closing live here; the kinds of sheet come
from mixins, one module each: tables and highlights (:mod:`~ledgerkit.reports.xlsx_tables`,
which streams large tables through :mod:`~ledgerkit.reports.xlsx_stream`), the summary
pivot (:mod:`~ledgerkit.reports.xlsx_summary`) and the Issues sheet
(:mod:`~ledgerkit.reports.xlsx_issues`).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import weakref
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.core import messages
from ledgerkit.core.errors import OutputError
from ledgerkit.core.messages import shown_path
from ledgerkit.intake.files import REPORT_MARK, seal_report
from ledgerkit.reports.labels import sheet_name
from ledgerkit.reports.leftovers import remove_stale, temp_folder
from ledgerkit.reports.output import atomic_output, check_output_path, make_folder, output_error
from ledgerkit.reports.printing import set_up_page
from ledgerkit.reports.xlsx_cells import HEADER_FILL, RULE_COLOUR, SEVERITY_COLOURS, number_format
from ledgerkit.reports.xlsx_issues import IssuesMixin
from ledgerkit.reports.xlsx_layout import safe_sheet_name
from ledgerkit.reports.xlsx_sheet import _Sheet
from ledgerkit.reports.xlsx_stream import _remove_row_files, abandon_zip, never_write, retarget
from ledgerkit.reports.xlsx_summary import SummaryMixin
from ledgerkit.reports.xlsx_tables import TablesMixin


def _gives_up_on_os_error(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OSError as exc:
            self.discard()
            raise self._os_error(exc) from exc

    return wrapper


class XlsxReport(TablesMixin, SummaryMixin, IssuesMixin):
    """An Excel report built sheet by sheet and written atomically on :meth:`close`.

    Wraps an xlsxwriter ``Workbook`` with strings never turned into formulas, URLs or
    numbers. ``constant_memory=True`` streams rows to disk and writes table rows about
    7x faster (use it for Detail sheets above :data:`LARGE_SHEET_ROWS` rows): each
    sheet must then be written top to bottom, so :meth:`highlight` calls for a sheet
    must come *before* its :meth:`add_table`, and cells written through the returned
    worksheet must lie below what is already written. The result is the same workbook.

    Use it as a context manager: on an exception nothing is written (``discard``), and a
    write the system refused (a full disk) comes out as a one-line ``OutputError``.
    Sheets are written in the order they are added. An existing file at ``path`` is kept
    (``OutputError``, checked here and again at the rename) unless ``overwrite=True``, the
    CLI's ``--force``; a missing folder is created, parents too.

    Every sheet prints on A4 (:mod:`~ledgerkit.reports.printing`): upright or on its side
    as its width needs, one page wide only at 70 % or more, its header row on every page,
    and a footer with the page (N / M) and the date the report was made (``created``,
    by default now: pass the run's as-of moment for the same bytes from the same run). xlsxwriter's working files go to a
    hidden folder beside the report (:mod:`~ledgerkit.reports.leftovers`), removed when the
    report is closed or dropped.

    Examples:
        >>> import pandas as pd, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
        >>> with XlsxReport(out, lang="en") as report:
        ...     ref = report.add_table("Detail", pd.DataFrame({"person": ["山田"], "hours": [7.5]}))
        >>> ref.first_row, ref.last_row, ref.columns
        (1, 1, {'person': 0, 'hours': 1})
        >>> out.exists()
        True
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        inputs: Iterable[str | os.PathLike] = (),
        lang: str = "ja",
        constant_memory: bool = False,
        created: dt.datetime | dt.date | None = None,
        overwrite: bool = False,
    ):
        import xlsxwriter

        self.path = Path(path)
        # Excel refuses a workbook whose extension does not match its content.
        if self.path.suffix.lower() != ".xlsx":
            raise OutputError(messages.text("output_needs_xlsx", lang, path=shown_path(path)))
        self.inputs = tuple(inputs)
        # an existing file is kept unless overwrite (the CLI's --force)
        self.overwrite = overwrite
        # Fail before the work, not after it.
        target = check_output_path(self.path, inputs=self.inputs, lang=lang, overwrite=overwrite)
        # a missing folder is made now: xlsxwriter's working files go beside the report
        make_folder(self.path, target.parent, lang)
        self.lang = lang
        made = created if created is not None else dt.datetime.now()
        self.made: dt.date = made.date() if isinstance(made, dt.datetime) else made
        self.constant_memory = constant_memory
        # xlsxwriter's working files beside the report: the same disk, and a killed run's
        # leftovers are found (and removed) by the next run that writes this report
        remove_stale(target)
        try:
            self._tmpdir = temp_folder(target)
        except OSError as exc:
            raise output_error(path, exc, lang) from None
        # The real file name is set in close(), inside atomic_output.
        self._workbook = _new_workbook(xlsxwriter, self.path, self._tmpdir, constant_memory)
        # Marks the file as a ledgerkit report, so that intake can tell it from an input.
        self._workbook.set_properties({"author": "ledgerkit", "comments": REPORT_MARK})
        self._formats: dict[tuple, Any] = {}
        self._sheets: dict[str, _Sheet] = {}  # actual sheet name → state
        self._aliases: dict[str, str] = {}  # requested name → actual
        self._closed = False
        # highlight() calls for sheets not added yet: requested name → row → column → severity
        self._pending_by_request: dict[str, dict[int, dict[Any, str]]] = {}
        # A report dropped without close() or discard() leaves no temporary files behind.
        self._cleanup = weakref.finalize(self, _remove_working_files, self._workbook, self._tmpdir)

    # -- context manager ----------------------------------------------------------------
    def __enter__(self) -> "XlsxReport":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
            return
        self.discard()
        if isinstance(exc, OSError):
            # a row file on a full disk, say: one line naming the report
            raise self._os_error(exc) from exc

    def _os_error(self, exc: OSError) -> OutputError:
        return output_error(self.path, exc, self.lang)

    # In constant-memory mode the sheets' rows go to files beside the report as they are
    # added: a full disk there is the report's, one line, the report given up (also for a
    # caller that does not use ``with``).
    add_table = _gives_up_on_os_error(TablesMixin.add_table)
    add_summary = _gives_up_on_os_error(SummaryMixin.add_summary)
    add_issues = _gives_up_on_os_error(IssuesMixin.add_issues)

    @property
    def workbook(self):
        """The underlying xlsxwriter ``Workbook`` (for charts and extra formats)."""
        return self._workbook

    # -- formats --------------------------------------------------------------------------
    def format(self, kind: str | None = None, *, severity: str | None = None, bold: bool = False,
               header: bool = False, total: bool = False, title: bool = False, wrap: bool = False,
               middle: bool = False, zero_dash: bool = False, ruled: bool = False):
        """A cached xlsxwriter Format for a column kind (its number format in the report's
        language), highlighted by severity or bold; ``wrap``: the text wraps (and sits in the
        middle of its cell's height, as does every cell with ``middle``: a row grown for a wrapped
        text keeps its figures level with it); ``zero_dash``: 0 shows as ``-``;
        ``ruled``: a light rule under the cell (a table's rows, on paper); ``header``: a
        table's heading (bold on a light fill, ruled, centred)."""
        key = (kind, severity, bold, header, total, title, wrap, middle, zero_dash, ruled)
        fmt = self._formats.get(key)
        if fmt is not None:
            return fmt
        props: dict[str, Any] = {}
        num = number_format(kind, self.lang, zero_dash=zero_dash) if kind else None
        if num and num != "@":
            props["num_format"] = num
        if kind in _CENTRED_KINDS:
            # a date or an Excel row number between texts reads best centred
            props["align"] = "center"
        if severity:
            fill, font = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["error"])
            props.update(bg_color=fill, font_color=font)
        if bold or header or total or title:
            props["bold"] = True
        if header:
            props.update(bg_color=HEADER_FILL, border=1, border_color=RULE_COLOUR, valign="vcenter", align="center",
                         text_wrap=True)
        if ruled:
            props.update(bottom=1, bottom_color=RULE_COLOUR)
        if total:
            props["top"] = 1
        if title:
            props["font_size"] = 14
        if wrap:
            props["text_wrap"] = True
        if wrap or middle:
            props["valign"] = "vcenter"
        fmt = self._workbook.add_format(props) if props else None
        self._formats[key] = fmt
        return fmt

    # -- sheets ---------------------------------------------------------------------------
    def _new_sheet(self, name: str) -> _Sheet:
        if name in self._aliases:
            raise ValueError(f"sheet {name!r} was already added to this report")
        actual = safe_sheet_name(name, taken=self._sheets.keys())
        ws = self._workbook.add_worksheet(actual)
        # printed for a manager: the page is set up when the report is closed, from the
        # sheet's final width (orientation, scale) and its header row
        state = _Sheet(actual, ws)
        self._sheets[actual] = state
        self._aliases[name] = actual
        return state

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError("this report has already been closed")

    # -- closing --------------------------------------------------------------------------
    def close(self) -> Path:
        """Write the workbook to its path, atomically; returns the path."""
        self._check_open()
        from xlsxwriter.exceptions import XlsxWriterException

        if self._pending_by_request:
            names = ", ".join(sorted(self._pending_by_request))
            self.discard()
            raise ValueError(f"highlight() named sheets that were never added: {names}")

        if not self._workbook.worksheets():
            self._new_sheet(sheet_name("summary", self.lang))
        self._set_up_pages()
        with atomic_output(self.path, inputs=self.inputs, lang=self.lang, overwrite=self.overwrite) as tmp:
            retarget(self._workbook, str(tmp))
            try:
                self._workbook.close()
                # the seal by which intake knows its own report (a copied mark is not enough)
                seal_report(tmp)
            except XlsxWriterException as exc:
                if exc.args and isinstance(exc.args[0], OSError):  # FileCreateError
                    abandon_zip(exc)
                    raise self._os_error(exc.args[0]) from exc
                raise OutputError(f"cannot write {shown_path(self.path)}: {exc}") from exc
            except UnicodeEncodeError as exc:
                raise OutputError(
                    f"cannot write {shown_path(self.path)}: a cell holds text that is not valid Unicode ({exc.reason})"
                ) from exc
            except OSError as exc:
                # a full disk half-way through: the zip xlsxwriter was writing is closed here,
                # quietly, and the partial file removed by atomic_output
                abandon_zip(exc)
                raise self._os_error(exc) from exc
            finally:
                self._closed = True
                self._cleanup()
        return self.path

    def print_titles(self, sheet: str, header_row: int, label_columns: int = 0) -> None:
        """Repeat row ``header_row`` (0-based) at the top of every printed page of ``sheet``,
        and its first ``label_columns`` on every page across when it is too wide for one."""
        state = self._sheets[self._aliases.get(sheet, sheet)]
        state.header_row, state.label_columns = header_row, label_columns

    def page_heading(self, sheet: str, text: str) -> None:
        """Print ``text`` at the top left of every page of ``sheet`` (a Detail sheet's title
        on paper, where a title row would stand in the way of the table's readers)."""
        state = self._sheets[self._aliases.get(sheet, sheet)]
        state.worksheet.set_header("&L" + text.replace("&", "&&"), margin=0.25)

    def _set_up_pages(self) -> None:
        """Each sheet's page as its final width needs (:func:`~ledgerkit.reports.printing.set_up_page`)."""
        for state in self._sheets.values():
            set_up_page(state.worksheet, made=self.made, lang=self.lang, header_row=state.header_row,
                        label_columns=state.label_columns)

    def discard(self) -> None:
        """Give up the report: nothing is written (temporary row files are removed)."""
        if self._closed:
            return
        self._closed = True
        never_write(self._workbook)  # not even by xlsxwriter's close()
        self._cleanup()


#: kinds of column whose cells are centred
_CENTRED_KINDS = frozenset({"date", "datetime", "rowno", "time"})


def _remove_working_files(workbook, folder: Path) -> None:
    """xlsxwriter's row files and the hidden working folder beside the report."""
    _remove_row_files(workbook)
    shutil.rmtree(folder, ignore_errors=True)


def _new_workbook(xlsxwriter, path: Path, tmpdir: Path, constant_memory: bool):
    try:
        return xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "constant_memory": constant_memory,
                "nan_inf_to_errors": False,
                "default_date_format": "yyyy-mm-dd",
                "tmpdir": str(tmpdir),
            },
        )
    except BaseException:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise
