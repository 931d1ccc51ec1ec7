"""What changed between two sets of rows, per file, who, month and item, and the line that says it.

Rows are compared by content (their JSON, without the Excel row they sit on), so a row
inserted above others in a workbook does not make every row below it "changed". For each
(file, who, month, item) — who and item by kind: person and project for hours, vendor and
invoice number for invoices — the rows added and removed are counted and the figure
(hours, or integer yen) is added up before and after:

    山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from ledgerkit.core import messages
from ledgerkit.ledger.rowdata import who_and_item

__all__ = ["CHANGE_COLUMNS", "HOURS_KINDS", "compare_rows", "change_line", "hours_text", "figure_text", "declared_view"]

#: kinds whose figure is hours (the others: integer yen)
HOURS_KINDS = frozenset({"hours", "attendance"})

#: the columns of a comparison
CHANGE_COLUMNS = ["kind", "file", "who", "month", "item", "change", "rows_before", "rows_after", "added", "removed",
                  "before", "after", "delta"]

_ROW_COLUMNS = ["file", "person", "project", "month", "vendor", "invoice_no", "hours", "amount", "data"]
_KEYS = ["file", "who", "month", "item"]


def _figure(value: Any, hours: bool):
    if value is None or value != value:
        return Decimal(0) if hours else 0
    if hours:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return Decimal(0)
    return int(value)


def declared_view(spec) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """How a change line names a declared kind's rows (a ``KindSpec``): the figure (its first
    summed yen field, else its first int or decimal one), who (its ``key`` fields, else its
    ``by`` fields other than months) and the item (its first text field not among those).

    Examples:
        >>> from ledgerkit.kinds.declared import kind_from_table
        >>> spec = kind_from_table("bihin", {"key": "no", "fields": {
        ...     "no": {"type": "code", "synonyms": ["管理番号"]}, "name": {"type": "text", "synonyms": ["品名"]},
        ...     "price": {"type": "yen", "synonyms": ["取得価額"]}, "qty": {"type": "int", "synonyms": ["数量"]}}})
        >>> declared_view(spec)
        ('price', ('no',), ('name',))
    """
    if spec is None:
        return None
    types = {f.name: f.type for f in spec.fields}
    values = [v for v in spec.summed(()) if types.get(v) in ("yen", "int", "decimal")]
    figure = next((v for v in values if types[v] == "yen"), values[0] if values else "")
    who = tuple(spec.key) or tuple(b for b in spec.by if types.get(b) not in ("month", "date"))
    item = next((f.name for f in spec.fields if f.type == "text" and f.name not in who and f.name != figure), "")
    return figure, who, (item,) if item else ()


def _named(data: dict, fields) -> str:
    return " ".join(str(data[f]) for f in fields if data.get(f) not in (None, ""))


def _frame(rows, kind: str, view=None, decimal: bool = False):
    import pandas as pd

    who, item = who_and_item(kind)
    df = pd.DataFrame.from_records(list(rows), columns=_ROW_COLUMNS)
    hours = kind in HOURS_KINDS and view is None
    if view is not None:
        # a declared kind: its rows are named and added up by its declaration, read from the row itself
        figure, whos, items = view
        data = [json.loads(d) if d else {} for d in df["data"]]
        df["who"] = [_named(d, whos) for d in data]
        df["item"] = [_named(d, items) for d in data]
        values = [_exact(d.get(figure)) for d in data]
        # a decimal field stays Decimal (2.0 days is no 2 円); yen and counts are int
        df["value"] = [(Decimal(0) if decimal else 0) if v is None else Decimal(v) if decimal else v for v in values]
    else:
        df["who"] = df[who] if who else None
        df["item"] = df[item] if item else None
        df["value"] = [_figure(v, hours) for v in (df["hours"] if hours else df["amount"])]
    for column in ("file", "who", "month", "item"):
        df[column] = df[column].astype(object).where(df[column].notna(), "")
    return df


def _exact(value: Any):
    """A stored figure exactly: integer yen or a whole count as int, a decimal field's fraction as
    Decimal (it was taken for blank, and a 1.5 → 2.5 change read +0); blank or not a number: None.

    Examples:
        >>> _exact(165000), _exact("2.5"), _exact("12.0"), _exact(None), _exact("x")
        (165000, Decimal('2.5'), 12, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return int(d) if d == d.to_integral_value() else d


def _sum(values) -> Any:
    total = None
    for v in values:
        total = v if total is None else total + v
    return total


def compare_rows(before, after, kind: str, spec=None):
    """The groups whose rows differ between ``before`` and ``after`` (records with the ledger's key columns).

    ``spec``: a declared kind's ``KindSpec``: its rows are named and added up as
    :func:`declared_view` says (not by the built-in kinds' key columns).

    Examples:
        >>> a = [{"file": "y.xlsx", "person": "山田", "project": "A-1001", "month": "2026-10", "hours": "126.0", "data": "1"}]
        >>> b = [{"file": "y.xlsx", "person": "山田", "project": "A-1001", "month": "2026-10", "hours": "129.5", "data": "2"}]
        >>> c = compare_rows(a, b, "hours")
        >>> c[["who", "item", "change", "before", "after", "delta", "added", "removed"]].values.tolist()
        [['山田', 'A-1001', 'changed', Decimal('126.0'), Decimal('129.5'), Decimal('3.5'), 1, 1]]
    """
    import pandas as pd

    view = declared_view(spec)
    decimal = view is not None and any(f.name == view[0] and f.type == "decimal" for f in spec.fields)
    a, b = _frame(before, kind, view, decimal), _frame(after, kind, view, decimal)
    counts = (b.groupby(_KEYS + ["data"]).size().sub(a.groupby(_KEYS + ["data"]).size(), fill_value=0))
    moved = pd.DataFrame({"added": counts.clip(lower=0), "removed": (-counts).clip(lower=0)}).groupby(level=_KEYS).sum()
    moved = moved[(moved["added"] > 0) | (moved["removed"] > 0)]
    if not len(moved):
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    side_a = a.groupby(_KEYS).agg(rows_before=("data", "size"), before=("value", _sum))
    side_b = b.groupby(_KEYS).agg(rows_after=("data", "size"), after=("value", _sum))
    out = moved.join(side_a, how="left").join(side_b, how="left").reset_index()
    zero = Decimal(0) if kind in HOURS_KINDS and view is None else 0
    for column in ("rows_before", "rows_after"):
        out[column] = out[column].fillna(0).astype(int)
    for column in ("before", "after"):
        out[column] = [zero if v is None or v != v else v for v in out[column]]
    out["delta"] = [y - x for x, y in zip(out["before"], out["after"])]
    out["change"] = ["added" if rb == 0 else "removed" if ra == 0 else "changed"
                     for rb, ra in zip(out["rows_before"], out["rows_after"])]
    out["added"], out["removed"] = out["added"].astype(int), out["removed"].astype(int)
    out["kind"] = kind
    return out[CHANGE_COLUMNS].sort_values(["file", "who", "month", "item"], kind="stable").reset_index(drop=True)


def hours_text(value) -> str:
    """Hours with at least one decimal, never rounded.

    Examples:
        >>> hours_text(Decimal("126")), hours_text(Decimal("129.5")), hours_text(Decimal("7.25"))
        ('126.0', '129.5', '7.25')
    """
    d = Decimal(value).normalize()
    return format(d.quantize(Decimal("0.1")) if d.as_tuple().exponent >= -1 else d, "f")


def figure_text(value, kind: str, lang: str = "ja", signed: bool = False) -> str:
    """A change's figure: ``+3.5 h`` or ``-10,000 円`` (``yen`` in English)."""
    if kind in HOURS_KINDS:
        text = hours_text(value)
        if signed and not text.startswith("-"):
            text = "+" + text
        return f"{text} h" if signed else text
    if isinstance(value, Decimal):
        # a declared kind's decimal figure (days, a count with fractions): exactly, no 円
        return f"{value.normalize():+,f}" if signed else f"{value.normalize():,f}"
    text = f"{int(value):+,}" if signed else f"{int(value):,}"
    return f"{text} {'円' if lang == 'ja' else 'yen'}" if signed else text


def change_line(change: dict, lang: str = "ja") -> str:
    """One group's change: ``山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)``."""
    kind = change["kind"]
    line = messages.text(
        "ledger_change", lang, who=change["who"] or "-", month=change["month"] or "-",
        item=change["item"] or "-", delta=figure_text(change["delta"], kind, lang, signed=True),
        before=figure_text(change["before"], kind, lang), after=figure_text(change["after"], kind, lang),
    )
    if not change["delta"]:
        line += messages.text("ledger_rows_moved", lang, added=change["added"], removed=change["removed"])
    return line
