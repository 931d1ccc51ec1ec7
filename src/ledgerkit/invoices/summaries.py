"""Invoice totals by vendor, project and month, and pivots of them (integer yen)."""

from __future__ import annotations

from typing import Any

from ledgerkit.invoices.vendors import vendor_identity

__all__ = ["summarize_invoices", "pivot_invoices"]


def summarize_invoices(frame) -> dict[str, Any]:
    """Totals by vendor, project and month (of the issue date), as frames.

    Vendors are grouped by identity (登録番号, else name key) and shown under the name
    written most often. Money stays integer yen.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"vendor": ["㈱アルファ", "株式会社アルファ"], "vendor_key": ["アルファ", "アルファ"],
        ...     "registration_no": ["", ""], "project": ["P1", "P2"], "invoice_key": ["a", "b"],
        ...     "issue_date": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        ...     "net": pd.array([1000, 2000], dtype="Int64"), "tax": pd.array([100, 200], dtype="Int64"),
        ...     "total": pd.array([1100, 2200], dtype="Int64")})
        >>> summarize_invoices(f)["by_vendor"][["vendor", "invoices", "net", "total"]].to_dict("records")
        [{'vendor': '㈱アルファ', 'invoices': 2, 'net': 3000, 'total': 3300}]
    """
    f = frame.copy()
    f["_identity"] = vendor_identity(f)
    names = f.groupby("_identity", sort=False)["vendor"].agg(lambda s: s.value_counts().index[0] if len(s) else "")
    regs = f.groupby("_identity", sort=False)["registration_no"].agg(lambda s: next((v for v in s if v), ""))
    by_vendor = _totals(f, ["_identity"])
    by_vendor.insert(0, "vendor", by_vendor["_identity"].map(names))
    by_vendor.insert(1, "registration_no", by_vendor["_identity"].map(regs))
    by_vendor = by_vendor.drop(columns=["_identity"]).sort_values("total", ascending=False, kind="stable")
    by_project = _totals(f, ["project"])
    f["month"] = f["issue_date"].dt.strftime("%Y-%m").fillna("")
    by_month = _totals(f, ["month"])
    return {"by_vendor": by_vendor.reset_index(drop=True), "by_project": by_project, "by_month": by_month}


def _whole_sum(s):
    import pandas as pd

    # a figure some rows lack (a 税込-only list has no 税抜 or 消費税) sums to blank, not to
    # the part that is known (or to 0)
    return s.sum() if s.notna().all() else pd.NA


def _totals(f, by: list[str]):
    g = f.groupby(by, sort=True, dropna=False)
    out = g.agg(
        invoices=("invoice_key", "nunique"),
        net=("net", _whole_sum),
        tax=("tax", _whole_sum),
        total=("total", _whole_sum),
    ).reset_index()
    for c in ("net", "tax", "total"):
        out[c] = out[c].astype("Int64")
    return out


def pivot_invoices(frame, by: str = "vendor", value: str = "total"):
    """``by`` (vendor / project / ...) down, issue month across, ``value`` summed (integer yen).

    Vendors are grouped by identity and shown under the name written most often.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"vendor": ["㈱アルファ", "株式会社アルファ"], "vendor_key": ["アルファ", "アルファ"],
        ...     "registration_no": ["", ""], "issue_date": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        ...     "total": pd.array([1100, 2200], dtype="Int64")})
        >>> pivot_invoices(f).to_dict("records")
        [{'vendor': '㈱アルファ', '2026-10': 1100, '2026-11': 2200}]
    """
    f = frame.copy()
    f["_month"] = f["issue_date"].dt.strftime("%Y-%m").fillna("(日付なし)")
    if by == "vendor":
        f["_by"] = vendor_identity(f)
        names = f.groupby("_by", sort=False)["vendor"].agg(lambda s: s.value_counts().index[0] if len(s) else "")
    else:
        f["_by"] = f[by].fillna("").astype(str)
        names = None
    f["_v"] = f[value].fillna(0).astype("int64")
    f["_missing"] = f[value].isna()
    g = f.groupby(["_by", "_month"], sort=True)
    table = g["_v"].sum().unstack("_month", fill_value=0).astype("Int64")
    # a month where some row lacks the figure (税込 blank on a 税抜-only row) is blank, not a
    # sum of what is known
    missing = g["_missing"].any().unstack("_month", fill_value=False).reindex_like(table).fillna(False).astype(bool)
    table = table.mask(missing)
    if not missing.to_numpy().any():
        table = table.astype("int64")
    table = table.reset_index()
    table.columns.name = None
    label = table["_by"].map(names) if names is not None else table["_by"]
    table.insert(0, by, label.fillna("").replace("", "(なし)"))
    return table.drop(columns=["_by"])
