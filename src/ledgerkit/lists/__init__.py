"""Declared lists (各種集計): any list a ``[kinds.NAME]`` table declares, read and consolidated.

- ``cells``: a field's cell by the shared parser of its type, and the declared checks;
- ``sheet``: :class:`ListReader`, the per-sheet reader (runs in the intake door's worker);
- ``frame``: the rows as a frame, a dtype per type;
- ``across_files``: repeats by ``key``, disagreements, ``unique`` values (:class:`ListFinish`);
- ``summary``: :func:`summarize_list`, a value field by the ``by`` fields;
- ``report``: :class:`ListWriter`, the Summary / Detail / Issues workbook or the rows;
- ``extend``: :class:`WithFields`, a built-in kind's reader with the fields a user added.

``ledgerkit.aggregate(paths, kind="sales", config=…)`` is the way in
(:mod:`ledgerkit.consolidate`).
"""

from ledgerkit.lists.across_files import ListFinish, finish_list
from ledgerkit.lists.extend import FinishWithFields, WithFields
from ledgerkit.lists.report import ListWriter, write_list_report
from ledgerkit.lists.sheet import ListReader, read_list_sheet
from ledgerkit.lists.summary import summarize_list

__all__ = ["FinishWithFields", "ListFinish", "ListReader", "ListWriter", "WithFields", "finish_list", "read_list_sheet",
           "summarize_list", "write_list_report"]
