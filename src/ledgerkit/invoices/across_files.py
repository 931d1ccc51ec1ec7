"""Across every file read: the same invoice twice, and :func:`read_invoices`.

An invoice entered twice (in one list, or in two) is counted once and listed; the same
vendor and invoice number with other amounts is a conflict a person decides. Two equal
lines inside one invoice (same item, same amount, in the invoice's own block of rows) are
two lines, never a duplicate.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.config.loading import Config, config_or_found
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
    once per invoice and rate, on their sum).

    The rows of an invoice stand together, a **block** (no other invoice's row, blank row or
    合計 row between them). Two equal lines inside one block are two lines of the invoice
    (same item, same amount): both count. The same invoice entered twice is a second block
    with the same rows (elsewhere in the sheet, after other invoices), or a line repeated
    in a block whose vendor is written another way (アオバ / ㈱アオバ: typed twice) or whose
    written invoice total one copy makes up: it is listed (``duplicate_invoice``) and its
    keys returned, to be dropped. ``frame`` is changed in place (it is the caller's copy).
    """
    drop: set[str] = set()
    # the vendor is compared by identity (登録番号 or name key), not as spelled (㈱アオバ = アオバ);
    # a receipt date or a running row number differs between two entries of one invoice
    content_cols = [c for c in frame.columns
                    if c not in ("source_row", "invoice_key", "vendor", "received_date")
                    and not str(c).startswith("_") and not _is_running_number(c)]
    rejected = {(i.file, i.sheet, i.row) for i in issues if i.rejected and i.row is not None}
    with_no = frame[frame["invoice_no"].astype(str) != ""]
    # only numbers seen more than once in a sheet need a look (grouping every row is slow)
    with_no = with_no[with_no.duplicated(["source_file", "source_sheet", "_identity", "invoice_no"], keep=False)]
    for (file, sheet, _, number), group in with_no.groupby(
        ["source_file", "source_sheet", "_identity", "invoice_no"], sort=False
    ):
        if group["invoice_key"].nunique() < 2:
            continue
        sheet_rows = set(frame.loc[(frame["source_file"] == file) & (frame["source_sheet"] == sheet), "source_row"])
        blocks = _blocks(group, sheet_rows, {r for f, sh, r in rejected if (f, sh) == (file, sheet)})
        first_key = blocks[0][0]
        seen: dict[tuple, Any] = {}
        for block in blocks:
            rows = group[group["invoice_key"].isin(block)]
            kept = _lines_of_block(group, block, content_cols, file, sheet, number, issues, drop)
            content = tuple(sorted(_row_content(r, content_cols) for _, r in rows[rows["invoice_key"].isin(kept)].iterrows()))
            if content in seen:
                # the whole invoice again, in another block: the same invoice entered twice
                orig = seen[content]
                drop.update(kept)
                for _, row in rows[rows["invoice_key"].isin(kept)].iterrows():
                    issues.append(_duplicate(file, sheet, row, number, orig))
                continue
            seen[content] = rows.iloc[0]
            # rows of one invoice share its date; another date is another invoice with the
            # same number (listed by finish_invoices as a conflict)
            a = group.loc[group["invoice_key"] == first_key, "issue_date"].iloc[0]
            for key in kept:
                b = group.loc[group["invoice_key"] == key, "issue_date"].iloc[0]
                if is_na(a) or is_na(b) or a == b:
                    frame.loc[group.index[group["invoice_key"] == key], "invoice_key"] = first_key
    return drop


def _blocks(group, sheet_rows: set[int], rejected_rows: set[int]) -> list[list[str]]:
    """The invoice's keys in sheet order, split where another invoice's row, a blank row or a
    合計 row stands between two of its rows (a row rejected for a bad cell does not split)."""
    firsts = group.groupby("invoice_key", sort=False)["source_row"].min().sort_values()
    blocks: list[list[str]] = []
    last_row = None
    for key, row in firsts.items():
        between = range(last_row + 1, int(row)) if last_row is not None else range(0)
        if last_row is None or any(r in sheet_rows or r not in rejected_rows for r in between):
            blocks.append([])
        blocks[-1].append(key)
        last_row = int(group.loc[group["invoice_key"] == key, "source_row"].max())
    return blocks


def _lines_of_block(group, block: list[str], content_cols: list, file, sheet, number, issues: list[Issue],
                    drop: set[str]) -> list[str]:
    """The keys of a block that are lines of the invoice. Equal lines are two lines, unless the
    block says it was typed twice: the vendor written two ways, or a written invoice total that
    one copy of each line makes up and all of them do not."""
    rows = group[group["invoice_key"].isin(block)]
    contents = {key: tuple(_row_content(r, content_cols) for _, r in rows[rows["invoice_key"] == key].iterrows())
                for key in block}
    if len(set(contents.values())) == len(block) or not _typed_twice(rows, contents):
        return list(block)
    kept, seen = [], {}
    for key in block:
        if contents[key] in seen:
            drop.add(key)
            orig = seen[contents[key]]
            for _, row in rows[rows["invoice_key"] == key].iterrows():
                issues.append(_duplicate(file, sheet, row, number, orig))
            continue
        seen[contents[key]] = rows[rows["invoice_key"] == key].iloc[0]
        kept.append(key)
    return kept


def _typed_twice(rows, contents: dict) -> bool:
    """A block whose equal rows are the invoice typed twice, not two equal lines."""
    spelled = {normalize_text(v) for v in rows["vendor"] if not is_na(v) and str(v)} if "vendor" in rows else set()
    if len(spelled) > 1:
        return True
    stated = {int(v) for v in rows.get("invoice_total", []) if not is_na(v)}
    if len(stated) == 1:
        total = stated.pop()
        every = [int(v) for v in rows["total"] if not is_na(v)]
        unique = {}
        for key, content in contents.items():
            unique.setdefault(content, key)
        once = [int(v) for v in rows.loc[rows["invoice_key"].isin(unique.values()), "total"] if not is_na(v)]
        return sum(every) != total and sum(once) == total
    return False


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
    config = config_or_found(config)
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
