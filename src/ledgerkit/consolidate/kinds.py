"""The kinds ``aggregate`` and ``inspect`` read, each with its sheet reader, its finishing and its report.

A kind's per-sheet reader runs in the worker that read the file; its finishing runs once over
all files' rows (duplicates, cross-file checks); its writer writes the rows or the kind's
workbook. ``--kind auto`` tries the readers in :data:`AUTO_ORDER` per sheet.

Besides the built-in kinds, any kind declared in ``[kinds.NAME]`` (or given from a script
as a dict or a :class:`~ledgerkit.kinds.declared.KindSpec`) is read by the generic list
reader (:mod:`ledgerkit.lists`): :func:`kind_for`. ``--kind auto`` never tries a declared
kind: a list declared for one folder (支店, 年月, 売上) would claim sheets of another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ledgerkit.attendance.sheet import ATTENDANCE_COLUMNS, read_attendance_sheet
from ledgerkit.hours import HOURS_COLUMNS, finish_hours, read_hours_sheet, write_hours
from ledgerkit.invoices.frame import INVOICE_COLUMNS
from ledgerkit.invoices.across_files import finish_invoices
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.report import write_invoices
from ledgerkit.core.errors import InputError
from ledgerkit.core.messages import text as _t
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.kinds.declared import KindError, KindSpec, kind_from_table
from ledgerkit.lists import FinishWithFields, ListFinish, ListReader, ListWriter, WithFields
from ledgerkit.lists.frame import list_frame
from ledgerkit.reports.generic import detail_writer


@dataclass(frozen=True)
class Kind:
    """What ``aggregate`` needs to consolidate one kind of data."""

    name: str
    read_sheet: Callable
    finish: Callable | None
    columns: tuple[str, ...]
    writer: Callable
    #: the summary's fields when ``--by`` is not given
    by: tuple[str, ...] = ()
    #: the declaration (fields, labels, key), for a built-in kind its declaration as data
    spec: KindSpec | None = None


KINDS: dict[str, Kind] = {
    "hours": Kind("hours", read_hours_sheet, finish_hours, tuple(HOURS_COLUMNS), write_hours,
                  ("project", "person", "month")),
    "invoices": Kind("invoices", read_invoice_sheet, finish_invoices, tuple(INVOICE_COLUMNS), write_invoices,
                     ("vendor", "month")),
    "attendance": Kind("attendance", read_attendance_sheet, None, tuple(ATTENDANCE_COLUMNS),
                       detail_writer(), ("person", "month")),
}

#: the order ``--kind auto`` tries them in
AUTO_ORDER = ["hours", "invoices", "attendance"]


def kind_names(config=None) -> list[str]:
    """What ``--kind`` accepts: ``auto``, the built-in kinds, then the kinds ``config`` declares."""
    declared = config.kind_names() if config is not None and hasattr(config, "kind_names") else list(KINDS)
    return ["auto", *dict.fromkeys([*KINDS, *declared])]


def kind_for(kind: Any, config=None) -> Kind:
    """The :class:`Kind` to consolidate: a built-in kind's name, a declared kind's name, a
    ``[kinds.NAME]``-like dict (its name under ``"name"``) or a :class:`KindSpec`.

    An unknown name is an :class:`~ledgerkit.core.errors.InputError` listing the known ones;
    a dict that cannot work is a :class:`~ledgerkit.kinds.declared.KindError` (a ValueError
    naming the key at fault).

    Examples:
        >>> kind_for("hours").name, kind_for({"name": "sales", "fields": {"amount": {"type": "yen",
        ...     "synonyms": ["売上"]}}}).by
        ('hours', ('amount',))
    """
    if isinstance(kind, dict):
        table = dict(kind)
        kind = kind_from_table(str(table.pop("name", "list")), table)
    if isinstance(kind, KindSpec):
        return _declared(kind) if kind.reader == "generic" else _builtin(KINDS[kind.reader], kind)
    spec = config.kind(kind) if config is not None and hasattr(config, "kind") else BUILTIN_KINDS.get(kind)
    if spec is None or (kind not in KINDS and spec.reader != "generic"):
        lang = config.lang if config is not None and hasattr(config, "lang") else "en"
        raise InputError(_t("kind_unknown", lang, known=", ".join(kind_names(config)), value=kind))
    return _builtin(KINDS[kind], spec) if kind in KINDS else _declared(spec)


def _declared(spec: KindSpec) -> Kind:
    columns = tuple(list_frame({}, spec).columns)
    return Kind(spec.name, ListReader(spec), ListFinish(spec), columns, ListWriter(spec), spec.by, spec)


def _builtin(kind: Kind, spec: KindSpec) -> Kind:
    """A built-in kind with its declaration; the fields a user added read by :class:`WithFields`."""
    shipped = set(BUILTIN_KINDS[kind.name].names)
    added = tuple(f for f in spec.fields if f.name not in shipped)
    kind = replace(kind, by=spec.by, spec=spec)
    if not added:
        return kind
    return replace(kind, read_sheet=WithFields(kind.read_sheet, added), finish=FinishWithFields(kind.finish, added),
                   columns=(*kind.columns, *(f.name for f in added)))


__all__ = ["AUTO_ORDER", "KINDS", "Kind", "KindError", "kind_for", "kind_names"]
