"""Reports: xlsx, csv and json output, written atomically, cell text never a formula.

Only this package (and the drafts) touches the file system on the way out. Three promises:

* **Atomic.** Every output is written to a temporary file in the target's folder and
  renamed over the target only when complete (:func:`~ledgerkit.reports.output.atomic_output`),
  so an interrupted run never leaves a half-written report. An output that would
  overwrite one of the inputs is refused.
* **Nothing injected.** In ``.xlsx`` files text is always written as text, never as a
  formula (xlsxwriter's string-to-formula/url/number conversions are off). In ``.csv``
  files a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets
  a leading ``'`` (OWASP "CSV injection"); numbers — including negative ones — are written
  as plain numbers, and so is text that is nothing but a plain number (``-5``, ``+3.5``).
* **Exact.** Integer yen and :class:`~decimal.Decimal` amounts are written digit for
  digit (JSON numbers, CSV text, xlsx number cells with up to 16 significant digits,
  Excel's own precision); missing values (``None``, ``NA``, ``NaN``, ``NaT``) become
  blanks / ``null``.

Modules, by concern:

* ``output``: the output path checked, inputs never overwritten, atomic writing;
* ``text_safety``: CSV injection (``neutralize``) and terminal escapes (``terminal_safe``);
* ``labels``: column headings, sheet names, severity and scope words (ja / en);
* ``cell_values``: missing values and the text of dates and durations, for every format;
* ``frames``: ``write_frame`` to ``.csv`` / ``.json`` / ``.xlsx`` / stdout, ``iter_json``;
* ``xlsx_report``: ``XlsxReport`` (workbook, formats, closing), with its sheets in
  ``xlsx_tables`` (tables, highlights), ``xlsx_summary`` (pivot, totals, chart) and
  ``xlsx_issues`` (the Issues sheet); ``xlsx_cells`` (kinds, number formats, columns
  converted for Excel), ``xlsx_layout`` (sheet names, widths), ``xlsx_sheet`` (a
  sheet's state, rows in chunks) and ``xlsx_stream`` (the fast constant-memory path,
  the only user of xlsxwriter internals);
* ``aggregate``: the reports of ``ledgerkit aggregate``.
"""
