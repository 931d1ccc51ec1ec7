"""Across every file read: the same invoice twice, and :func:`read_invoices`.

An invoice entered twice (in one list, or in two) is counted once and listed; the same
vendor and invoice number with other amounts is a conflict a person decides.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.intake.door import gather, read_files
from ledgerkit.invoices.frame import INVOICE_COLUMNS, drop_internal, empty_invoice_frame
from ledgerkit.invoices.report import write_invoices
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.vendors import vendor_identity
from ledgerkit.parse.text import normalize_text
from ledgerkit.rules.figures import is_na

__all__ = ["finish_invoices", "read_invoices"]


def _signature(group) -> tuple:
    """What makes two entries the same invoice: per rate (rate, net, tax), and the total.

    The total is the written invoice total when the list has one, else the sum of the
    rows' totals, so a split-rate list and a one-rate list compare equal.
    """
    parts = sorted(
        (
            "" if is_na(r) else f"{float(r):.4f}",
            None if is_na(n) else int(n),
            None if is_na(t) else int(t),
        )
        for r, n, t in zip(group["tax_rate"], group["net"], group["tax"])
    )
    it = group["invoice_total"].iloc[0] if "invoice_total" in group.columns else None
    if is_na(it) or it is None:
        totals = [v for v in group["total"] if not is_na(v)]
        it = sum(int(v) for v in totals) if totals else None
    return (tuple(parts), None if it is None else int(it))


def _where(file: str, sheet: str, row: int) -> dict[str, str]:
    """Where the first of two rows is, in both languages (a message parameter)."""
    return {"ja": f"{Path(file).name} / {sheet} / {row}行目", "en": f"{Path(file).name} / {sheet} / row {row}"}


def _amount_text(sig: tuple, other: tuple | None = None) -> str | dict[str, str]:
    """``275,000`` or, when the totals agree, the figures that differ: ``税抜 250,000 / 税 25,000``."""
    parts, total = sig
    if other is None or other[1] != total or total is None:
        return f"{total:,}" if total is not None else "?"
    net = sum(p[1] or 0 for p in parts)
    tax = sum(p[2] or 0 for p in parts)
    return {"ja": f"{total:,} (税抜 {net:,} / 税 {tax:,})", "en": f"{total:,} (net {net:,} / tax {tax:,})"}


def _row_content(row, columns) -> tuple:
    return tuple("" if is_na(row[c]) else str(row[c]) for c in columns)


def _duplicate(file, sheet, row, number, orig) -> Issue:
    """``row`` repeats the invoice first read at ``orig``: listed, and left out of the rows."""
    return Issue(
        "duplicate_invoice", file, sheet, int(row["source_row"]),
        column=row.get("_col_vendor", "") or "", value=str(number),
        severity="warning", rejected=True,
        params={"other": _where(orig["source_file"], orig["source_sheet"], int(orig["source_row"])),
                "invoice_no": number},
    )


def _join_rows_of_one_invoice(frame, issues: list[Issue]) -> set[str]:
    """Rows of one sheet with the same vendor and invoice number are one invoice.

    Lists written 税率ごとに1行 (one row per rate) or per line item repeat the invoice
    number: those rows get the first row's ``invoice_key`` (the tax is then checked
    once per invoice and rate, on their sum). A row identical to an earlier one in every
    column is the same entry typed twice: it is listed (``duplicate_invoice``) and its
    key returned, to be dropped. ``frame`` is changed in place (it is the caller's copy).
    """
    drop: set[str] = set()
    # the vendor is compared by identity (登録番号 or name key), not as spelled (㈱アオバ = アオバ);
    # a receipt date or a running row number differs between two entries of one invoice
    content_cols = [c for c in frame.columns
                    if c not in ("source_row", "invoice_key", "vendor", "received_date")
                    and not str(c).startswith("_") and not _is_running_number(c)]
    with_no = frame[frame["invoice_no"].astype(str) != ""]
    # only numbers seen more than once in a sheet need a look (grouping every row is slow)
    with_no = with_no[with_no.duplicated(["source_file", "source_sheet", "_identity", "invoice_no"], keep=False)]
    for (file, sheet, _, number), group in with_no.groupby(
        ["source_file", "source_sheet", "_identity", "invoice_no"], sort=False
    ):
        keys = list(dict.fromkeys(group["invoice_key"]))
        if len(keys) < 2:
            continue
        first_key = keys[0]
        seen: dict[tuple, Any] = {}
        for key in keys:
            rows = group[group["invoice_key"] == key]
            content = tuple(_row_content(r, content_cols) for _, r in rows.iterrows())
            if content in seen:
                orig = seen[content]
                drop.add(key)
                for _, row in rows.iterrows():
                    issues.append(_duplicate(file, sheet, row, number, orig))
                continue
            seen[content] = rows.iloc[0]
            if key != first_key:
                # rows of one invoice share its date; another date is another invoice with the
                # same number (listed by finish_invoices as a conflict)
                a, b = group.loc[group["invoice_key"] == first_key, "issue_date"].iloc[0], rows["issue_date"].iloc[0]
                if not is_na(a) and not is_na(b) and a != b:
                    continue
                frame.loc[rows.index, "invoice_key"] = first_key
    return drop


_RUNNING_NUMBER = {"no", "no.", "#", "連番", "行番号", "項番", "番号", "№", "行no", "行no."}


def _is_running_number(header: Any) -> bool:
    """``No`` / ``連番`` / ``項番``: a column that numbers the list's rows, not the invoice."""
    return isinstance(header, str) and normalize_text(header).strip().lower().replace(" ", "") in _RUNNING_NUMBER


def finish_invoices(frame, issues: list[Issue], config=None, *, keep_internal: bool = False):
    """Checks that need every file's rows: the same invoice twice, or twice with other amounts.

    * The same invoice (same vendor — by 登録番号, else name key —, invoice number and
      amounts at every rate) found again is counted once: the first one read stays,
      each repeat is listed (``duplicate_invoice``, rejected) and removed from the frame.
    * The same vendor and invoice number with different amounts stays in both places
      and is listed (``invoice_conflict``, error): a person decides which is right.

    Returns ``(frame, issues)``; the frame is a new one (the input is not modified).
    Rows without an invoice number are never taken for duplicates.
    """
    issues = list(issues)
    if frame is None or len(frame) == 0:
        out = frame if frame is not None else empty_invoice_frame()
        return (out if keep_internal else drop_internal(out)), issues
    frame = frame.reset_index(drop=True).copy()
    frame["_identity"] = vendor_identity(frame)
    drop_keys: set[str] = _join_rows_of_one_invoice(frame, issues)
    with_no = frame[(frame["invoice_no"].astype(str) != "") & ~frame["invoice_key"].isin(drop_keys)]
    with_no = with_no[with_no.duplicated(["_identity", "invoice_no"], keep=False)]
    for (_, number), group in with_no.groupby(["_identity", "invoice_no"], sort=False):
        keys = list(dict.fromkeys(group["invoice_key"]))
        if len(keys) >= 2:
            drop_keys |= _same_number(group, keys, number, issues)
    out = frame[~frame["invoice_key"].isin(drop_keys)].drop(columns=["_identity"]).reset_index(drop=True)
    return (out if keep_internal else drop_internal(out)), issues


def _same_number(group, keys: list[str], number, issues: list[Issue]) -> set[str]:
    """The invoices of one vendor and number: repeats listed (their keys returned, to be
    dropped), other amounts listed as a conflict with the first one read."""
    drop: set[str] = set()
    seen: list[tuple[tuple, str, Any]] = []  # (signature, key, first row)
    for key in keys:
        inv = group[group["invoice_key"] == key]
        sig = _signature(inv)
        first = inv.iloc[0]
        same = next((s for s in seen if s[0] == sig), None)
        if same is not None:
            drop.add(key)
            orig = same[2]
            for _, row in inv.iterrows():
                issues.append(_duplicate(row["source_file"], row["source_sheet"], row, number, orig))
            continue
        if seen:
            orig = seen[0][2]
            issues.append(
                Issue(
                    "invoice_conflict",
                    first["source_file"],
                    first["source_sheet"],
                    int(first["source_row"]),
                    column=first.get("_col_total", "") or first.get("_col_net", "") or "",
                    value=str(number),
                    severity="error",
                    params={
                        "other": _where(orig["source_file"], orig["source_sheet"], int(orig["source_row"])),
                        "invoice_no": number,
                        "a": _amount_text(seen[0][0], sig),
                        "b": _amount_text(sig, seen[0][0]),
                    },
                )
            )
        seen.append((sig, key, first))
    return drop


def read_invoices(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    keep_internal: bool = False,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read the invoice lists under ``paths`` through the intake door into one frame.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``invoices``: ``frame`` with
    :data:`~ledgerkit.invoices.frame.INVOICE_COLUMNS` (the same invoice twice counted once,
    :func:`finish_invoices`), ``issues`` every file, sheet and row not used, ``stats`` the
    accounting, and ``meta["columns"]``: each (file, sheet) that holds an invoice list, with
    its field → header mapping (empty when no file holds one). Every visible sheet is tried
    in a worker (:func:`~ledgerkit.invoices.sheet.read_invoice_sheet`); lock files, copies
    and ledgerkit's own reports are skipped; unreadable files raise
    :class:`~ledgerkit.intake.door.UnreadableFilesError` unless ``skip_bad``.
    ``keep_internal`` keeps the ``_col_*`` columns (the header each figure came from) that
    the checks name in their findings. ``result.write("invoices.xlsx")`` writes what
    ``ledgerkit aggregate --kind invoices`` writes.

    Examples:
        >>> result = read_invoices("examples/invoices")                    # doctest: +SKIP
        >>> result.frame.groupby("vendor")["total"].sum()                   # doctest: +SKIP
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_invoice_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    result = gather(intake, "invoices", finish=partial(_finish_read, keep_internal=keep_internal),
                    columns=INVOICE_COLUMNS, config=config, writer=write_invoices)
    result.meta["columns"] = {(f.path, s.name): s.result.mapping for f, s in intake.sheets()
                              if s.result is not None and s.result.frame is not None}
    # a report ledgerkit wrote into the folder was not read: it is not an input (writing it
    # again is allowed, as the first run did)
    own = {i.file for i in result.issues if i.code == "own_report"}
    result.files = [f for f in result.files if f not in own]
    return result


def _finish_read(frame, issues: list[Issue], config, *, keep_internal: bool):
    # no rows at all: the invoice frame's columns with their dtypes, as a check expects them
    return finish_invoices(frame if len(frame) else empty_invoice_frame(), issues, config, keep_internal=keep_internal)
