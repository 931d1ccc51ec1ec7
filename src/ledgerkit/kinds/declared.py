"""A kind of list declared as data: its fields (type, header synonyms, checks), its summary and its duplicates.

``[kinds.NAME]`` in ``ledgerkit.toml`` (or a dict given from a script) becomes a
:class:`KindSpec` through :func:`kind_from_table`; the built-in kinds are written the same way
(:mod:`ledgerkit.kinds.builtin`) and a table may extend them (:func:`extend_kind`). A
declaration that cannot work raises :class:`KindError`, a ``ValueError`` naming the key at
fault (``fields.amount.type``) that ``ledgerkit.config`` turns into ``file:line: key: reason``.

Examples:
    >>> spec = kind_from_table("sales", {
    ...     "label": "支店別売上",
    ...     "fields": {"branch": {"type": "text", "synonyms": ["支店", "支店名"], "required": True},
    ...                "month": {"type": "month", "synonyms": ["年月", "対象月"], "required": True},
    ...                "amount": {"type": "yen", "synonyms": ["売上", "売上高"], "required": True}},
    ...     "by": "branch,month"})
    >>> spec.names, spec.by, spec.values, spec.required
    (('branch', 'month', 'amount'), ('branch', 'month'), ('amount',), ('branch', 'month', 'amount'))
    >>> kind_from_table("sales", {"fields": {"amount": {"type": "money", "synonyms": ["売上"]}}})
    Traceback (most recent call last):
    ...
    ledgerkit.kinds.declared.KindError: fields.amount.type: must be one of text, int, yen, decimal, hours, date, month, rate, code, not 'money'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ledgerkit.core.messages import text as _t
from ledgerkit.parse.amounts import parse_amount, parse_rate
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = ["FIELD_TYPES", "NUMERIC_TYPES", "READERS", "RESERVED_COLUMNS", "FieldSpec", "KindSpec", "KindError",
           "kind_from_table", "extend_kind", "kind_to_table", "field_list"]

#: the types a field may have → (Japanese, English) words for what its cells hold
FIELD_TYPES: dict[str, tuple[str, str]] = {
    "text": ("文字列 (全角英数は半角に)", "text (full-width letters and digits made half-width)"),
    "int": ("整数 (1,234・１２３・1.5万)", "whole number (1,234, １２３, 1.5万)"),
    "yen": ("金額・円 (¥1,234・△1,000・1.5万円)", "yen (¥1,234, △1,000, 1.5万円)"),
    "decimal": ("数値 (小数可: 12.5・１２．５)", "number with decimals (12.5, １２．５)"),
    "hours": ("時間 (7:30・7.5h・7時間30分)", "hours (7:30, 7.5h, 7時間30分)"),
    "date": ("日付 (2026/10/1・令和8年10月1日・R8.10.1)", "date (2026/10/1, 令和8年10月1日, R8.10.1)"),
    "month": ("年月 (2026年10月・令和8年10月・R8.10・10月)", "month (2026年10月, 令和8年10月, R8.10, 10月)"),
    "rate": ("消費税率 (10%・8%・軽減)", "consumption-tax rate (10%, 8%, 軽減)"),
    "code": ("コード・番号 (先頭の0を残す)", "code or number kept as text (leading zeros kept)"),
}
#: types whose values a summary adds up
NUMERIC_TYPES = frozenset({"int", "yen", "decimal", "hours"})
#: types that take ``min`` and ``max``
_ORDERED_TYPES = NUMERIC_TYPES | {"date", "month", "rate"}
#: types that take ``one_of`` and ``pattern``
_TEXT_TYPES = frozenset({"text", "code"})
#: the readers a kind may name: ``generic`` for a declared list, the built-in kinds' own
READERS = ("generic", "hours", "invoices", "attendance")
#: columns every consolidated frame has: no field may take their name
RESERVED_COLUMNS = ("source_file", "source_sheet", "source_row")

_KIND_KEYS = ("label", "fields", "by", "sort", "key", "sum", "reader")
_FIELD_KEYS = ("type", "synonyms", "required", "label", "unique", "min", "max", "one_of", "pattern")
#: a kind's or a field's name: typed on the command line and written as a bare TOML key
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,39}")
_MAX_SYNONYM = 200


class KindError(ValueError):
    """A declaration that cannot work: ``key`` (relative to ``[kinds.NAME]``), a message ``code`` and its ``params``."""

    def __init__(self, at: str, code: str, **params: Any):
        self.key, self.code, self.params = at, code, params
        super().__init__(f"{at}: {self.message('en')}" if at else self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return _t(self.code, lang, **self.params)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a kind: what its header may say and what its cells hold.

    ``min``/``max`` are Decimals for numbers and rates, dates for dates, ``YYYY-MM`` labels for
    months; ``one_of`` and ``pattern`` (a regular expression the whole text matches) apply to
    text and codes; ``unique`` asks that no two rows of all the files share a value.
    """

    name: str
    type: str = "text"
    synonyms: tuple[str, ...] = ()
    required: bool = False
    label: str = ""
    unique: bool = False
    min: Any = None
    max: Any = None
    one_of: tuple[str, ...] = ()
    pattern: str = ""

    def heading(self, lang: str = "ja") -> str:
        """The field as a report names it: its Japanese label, or its name (``en``, or no label)."""
        return self.label if self.label and lang != "en" else self.name

    @property
    def checked(self) -> bool:
        """Whether a read value is checked against the declaration (min, max, one_of, pattern)."""
        return self.min is not None or self.max is not None or bool(self.one_of) or bool(self.pattern)


@dataclass(frozen=True)
class KindSpec:
    """A kind of list: its fields, the summary's ``by`` and ``sum``, the Detail's ``sort``, the duplicate ``key``.

    ``reader`` is ``generic`` (any long table, :mod:`ledgerkit.lists`) or the built-in reader
    of the same name; ``derived`` names the columns a built-in reader adds itself (``month``).
    """

    name: str
    label: str = ""
    fields: tuple[FieldSpec, ...] = ()
    by: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    sum: tuple[str, ...] = ()
    reader: str = "generic"
    derived: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def values(self) -> tuple[str, ...]:
        """The fields a summary adds up: ``sum``, else every int, yen, decimal and hours field."""
        return self.sum or tuple(f.name for f in self.fields if f.type in NUMERIC_TYPES)

    def summed(self, by=None) -> tuple[str, ...]:
        """The value fields a summary by ``by`` (default: the kind's ``by``) adds up: a field the
        summary groups by is not also summed (a kind whose only field is a number counts rows)."""
        by = set(self.by if by is None else by)
        return tuple(v for v in self.values if v not in by)

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def synonyms(self) -> dict[str, list[str]]:
        """Field → header texts, as header detection takes them."""
        return {f.name: list(f.synonyms) for f in self.fields}

    def title(self, lang: str = "ja") -> str:
        return self.label if self.label and lang != "en" else self.name


# --- reading a declaration ----------------------------------------------------------------


def kind_from_table(name: str, table: Any) -> KindSpec:
    """A :class:`KindSpec` from a ``[kinds.NAME]`` table (a dict, as TOML gives it).

    Keys: ``label``, ``fields`` (name → ``{type, synonyms, required, label, unique, min, max,
    one_of, pattern}``), ``by``, ``sort``, ``key`` and ``sum`` (field names, ``"a,b"`` or a list),
    ``reader`` (``generic``). ``by`` defaults to the first text or code field and the first
    month field. Raises :class:`KindError` naming the key at fault.

    Examples:
        >>> kind_from_table("x", {"fields": {"a": {"type": "text"}}})
        Traceback (most recent call last):
        ...
        ledgerkit.kinds.declared.KindError: fields.a.synonyms: must list the header texts the column may have, like synonyms = ["支店", "支店名"]
        >>> kind_from_table("x", {"fields": {"a": {"synonyms": ["支店"]}}, "by": "b"})
        Traceback (most recent call last):
        ...
        ledgerkit.kinds.declared.KindError: by: no field 'b' (fields: a)
    """
    _check_name(name, "")
    table = _table(table, "")
    _known_keys(table, _KIND_KEYS, "")
    reader = _string(table, "reader", "") or "generic"
    if reader != "generic":
        if reader in READERS:
            raise KindError("reader", "cfg_kind_reader_builtin", value=reader)
        raise KindError("reader", "cfg_one_of", choices="generic", value=reader)
    fields = _fields(table.get("fields"))
    spec = KindSpec(name, label=_string(table, "label", ""), fields=fields)
    return _summary_keys(spec, table, default_by=_default_by(fields))


def extend_kind(base: KindSpec, table: Any) -> KindSpec:
    """``base`` (a built-in kind) with a ``[kinds.NAME]`` table's additions.

    A table may give a field more synonyms, add fields of its own (read from the column
    they name where the built-in reader keeps other columns), and set ``label`` and ``by``.
    What makes the built-in reader work — its fields' types, ``required``, ``key``, ``sort``,
    ``reader`` — may be restated as it is but not changed.

    Examples:
        >>> from ledgerkit.kinds.builtin import BUILTIN_KINDS
        >>> spec = extend_kind(BUILTIN_KINDS["hours"], {"fields": {"person": {"synonyms": ["要員"]},
        ...                    "client": {"type": "text", "synonyms": ["顧客"]}}, "by": "client,month"})
        >>> spec.field("person").synonyms[:2], spec.field("client").type, spec.by
        (('要員', '氏名'), 'text', ('client', 'month'))
        >>> extend_kind(BUILTIN_KINDS["hours"], {"fields": {"hours": {"type": "yen"}}})
        Traceback (most recent call last):
        ...
        ledgerkit.kinds.declared.KindError: fields.hours.type: the built-in kind hours reads this as 'hours': it cannot be changed
    """
    table = _table(table, "")
    _known_keys(table, _KIND_KEYS, "")
    if "reader" in table and table["reader"] != base.reader:
        raise KindError("reader", "cfg_kind_builtin_fixed", kind=base.name, value=base.reader)
    for key, value in (("key", base.key), ("sort", base.sort), ("sum", base.sum)):
        if key in table and _names_or_text(table[key], key) != value:
            raise KindError(key, "cfg_kind_builtin_fixed", kind=base.name, value=_shown(value))
    given = _table(table.get("fields", {}), "fields")
    fields = list(base.fields)
    for fname, ftable in given.items():
        at = f"fields.{fname}"
        old = base.field(fname)
        if old is None:
            _check_name(fname, at)
            fields.append(_field(fname, ftable, at))
            continue
        ftable = _table(ftable, at)
        _known_keys(ftable, _FIELD_KEYS, at)
        for key in ("type", "required", "unique", "min", "max", "one_of", "pattern"):
            if key in ftable and ftable[key] != _table_value(old, key):
                raise KindError(f"{at}.{key}", "cfg_kind_builtin_fixed", kind=base.name, value=_shown(_table_value(old, key)))
        words = _synonyms(ftable.get("synonyms", []), f"{at}.synonyms", allow_empty=True)
        label = _string(ftable, "label", at) or old.label
        fields[fields.index(old)] = replace(old, synonyms=tuple(dict.fromkeys([*words, *old.synonyms])), label=label)
    _same_synonym_twice(fields)
    spec = replace(base, fields=tuple(fields), label=_string(table, "label", "") or base.label)
    if "by" in table:
        spec = replace(spec, by=_names(table["by"], "by", spec, allow=base.derived))
    return spec


def _summary_keys(spec: KindSpec, table: dict, *, default_by: tuple[str, ...]) -> KindSpec:
    by = _names(table["by"], "by", spec) if "by" in table else default_by
    sort = _names(table["sort"], "sort", spec) if "sort" in table else ()
    key = _names(table["key"], "key", spec) if "key" in table else ()
    values = _names(table["sum"], "sum", spec) if "sum" in table else ()
    for v in values:
        if spec.field(v).type not in NUMERIC_TYPES:
            raise KindError("sum", "cfg_kind_sum_type", value=v, type=spec.field(v).type)
    if not by:
        raise KindError("by", "cfg_kind_no_by")
    return replace(spec, by=by, sort=sort, key=key, sum=values)


def _default_by(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    first = next((f.name for f in fields if f.type in _TEXT_TYPES), None)
    month = next((f.name for f in fields if f.type == "month"), None)
    return tuple(n for n in (first, month) if n) or (fields[0].name,)


def _fields(value: Any) -> tuple[FieldSpec, ...]:
    if value is None:
        raise KindError("fields", "cfg_kind_no_fields")
    given = _table(value, "fields")
    if not given:
        raise KindError("fields", "cfg_kind_no_fields")
    fields = []
    for fname, ftable in given.items():
        at = f"fields.{fname}"
        _check_name(fname, at)
        fields.append(_field(fname, ftable, at))
    _same_synonym_twice(fields)
    return tuple(fields)


def _field(name: str, table: Any, at: str) -> FieldSpec:
    if name in RESERVED_COLUMNS:
        raise KindError(at, "cfg_kind_reserved_field", name=name)
    table = _table(table, at)
    _known_keys(table, _FIELD_KEYS, at)
    ftype = table.get("type", "text")
    if ftype not in FIELD_TYPES:
        raise KindError(f"{at}.type", "cfg_one_of", choices=", ".join(FIELD_TYPES), value=ftype)
    if "synonyms" not in table:
        raise KindError(f"{at}.synonyms", "cfg_kind_no_synonyms")
    synonyms = _synonyms(table["synonyms"], f"{at}.synonyms")
    flags = {k: _bool(table, k, at) for k in ("required", "unique")}
    low, high = (_bound(table[k], ftype, f"{at}.{k}") if k in table else None for k in ("min", "max"))
    if low is not None and high is not None and low > high:
        raise KindError(f"{at}.min", "cfg_kind_min_max", low=_shown(low), high=_shown(high))
    one_of = _one_of(table["one_of"], ftype, f"{at}.one_of") if "one_of" in table else ()
    pattern = _pattern(table["pattern"], ftype, f"{at}.pattern") if "pattern" in table else ""
    return FieldSpec(name, ftype, synonyms, flags["required"], _string(table, "label", at), flags["unique"],
                     low, high, one_of, pattern)


# --- one value of a declaration ---------------------------------------------------------------


def _table(value: Any, at: str) -> dict:
    if not isinstance(value, dict):
        raise KindError(at, "cfg_not_table", key=f"kinds.<name>.{at}" if at else "kinds.<name>", got=_kind_of(value))
    return value


def _known_keys(table: dict, allowed: tuple[str, ...], at: str) -> None:
    for key in table:
        if key not in allowed:
            raise KindError(f"{at}.{key}" if at else key, "cfg_unknown_rule_key", known=", ".join(allowed))


def _check_name(name: Any, at: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise KindError(at, "cfg_kind_name", name=name)


def _string(table: dict, key: str, at: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise KindError(f"{at}.{key}" if at else key, "cfg_wrong_type", want=_words("type_str"), got=_kind_of(value))
    return value.strip()


def _bool(table: dict, key: str, at: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise KindError(f"{at}.{key}", "cfg_wrong_type", want=_words("type_bool"), got=_kind_of(value))
    return value


def _synonyms(value: Any, at: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)):
        raise KindError(at, "cfg_header_list")
    if not value and not allow_empty:
        raise KindError(at, "cfg_kind_no_synonyms")
    if any(len(w) > _MAX_SYNONYM for w in value):
        raise KindError(at, "cfg_kind_long_synonym", most=_MAX_SYNONYM)
    return tuple(dict.fromkeys(w.strip() for w in value))


def _same_synonym_twice(fields) -> None:
    seen: dict[str, str] = {}
    for f in fields:
        for word in (f.name, *f.synonyms):
            key = _header_form(word)
            other = seen.setdefault(key, f.name)
            if other != f.name:
                raise KindError(f"fields.{f.name}.synonyms", "cfg_kind_synonym_twice", word=word, a=other, b=f.name)


def _header_form(word: str) -> str:
    # as header detection compares texts: NFKC, no spaces, lower case
    return normalize_text(word).replace(" ", "").lower()


def _names_or_text(value: Any, at: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(w.strip() for w in value.split(",") if w.strip())
    if isinstance(value, list) and all(isinstance(w, str) for w in value):
        return tuple(w.strip() for w in value if w.strip())
    raise KindError(at, "cfg_kind_names", got=_kind_of(value))


def _names(value: Any, at: str, spec: KindSpec, *, allow: tuple[str, ...] = ()) -> tuple[str, ...]:
    names = _names_or_text(value, at)
    known = (*spec.names, *allow)
    for n in names:
        if n not in known:
            raise KindError(at, "cfg_kind_unknown_field", value=n, known=", ".join(known))
    if len(set(names)) != len(names):
        raise KindError(at, "cfg_kind_names_twice")
    return names


#: a bound written as text is read by its type's own parser (numbers otherwise as written)
_BOUND_PARSERS = {"hours": parse_hours, "rate": parse_rate}


def _finite(number: Decimal) -> Decimal:
    """A bound that is a number: TOML's ``inf``, ``nan`` and ``1e400`` are refused as unreadable."""
    if not number.is_finite():
        raise ValueError(number)
    return number


def _bound(value: Any, ftype: str, at: str) -> Any:
    if ftype not in _ORDERED_TYPES:
        raise KindError(at, "cfg_kind_check_type", check=at.rsplit(".", 1)[1], types="int, yen, decimal, hours, date, month, rate",
                        type=ftype)
    try:
        if ftype == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            # as a cell of the type is read: 2026-04-01, 2026/4/1, 令和8年4月1日 (with its year)
            day = parse_date(value) if isinstance(value, str) else None
            if day is None:
                raise ValueError(value)
            return day
        if ftype == "month":
            ym = parse_month(value) if isinstance(value, str) else None
            if ym is None or ym[0] is None:
                raise ValueError(value)
            return month_label(ym[0], ym[1])
        if isinstance(value, str):
            # written as in a cell: "1万", "１，０００", "8:00", "10%"
            number = _BOUND_PARSERS.get(ftype, parse_amount)(value)
            if number is None:
                raise ValueError(value)
            return _finite(Decimal(str(number)))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(value)
        return _finite(Decimal(str(value)))
    except (TypeError, ValueError, InvalidOperation, CellValueError):
        raise KindError(at, "cfg_kind_bound", value=value, type=ftype) from None


def _one_of(value: Any, ftype: str, at: str) -> tuple[str, ...]:
    if ftype not in _TEXT_TYPES:
        raise KindError(at, "cfg_kind_check_type", check="one_of", types="text, code", type=ftype)
    if not (isinstance(value, list) and value and all(isinstance(w, (str, int)) and not isinstance(w, bool) for w in value)):
        raise KindError(at, "cfg_kind_one_of")
    return tuple(normalize_text(str(w)) for w in value)


def _pattern(value: Any, ftype: str, at: str) -> str:
    if ftype not in _TEXT_TYPES:
        raise KindError(at, "cfg_kind_check_type", check="pattern", types="text, code", type=ftype)
    if not isinstance(value, str) or not value:
        raise KindError(at, "cfg_wrong_type", want=_words("type_str"), got=_kind_of(value))
    try:
        re.compile(value)
    except re.error as e:
        raise KindError(at, "cfg_kind_pattern", error=str(e)) from None
    return value


def _words(code: str) -> dict[str, str]:
    """A message in both languages, as a parameter of another (the config's own language picks)."""
    return {"ja": _t(code, "ja"), "en": _t(code, "en")}


def _kind_of(value: Any) -> dict[str, str] | str:
    """What a TOML value is, as a person calls it (文字列 / a string)."""
    for t in (bool, int, float, str, list, dict):
        if type(value) is t:
            return _words(f"type_{t.__name__}")
    return type(value).__name__


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value) or '""'
    return str(value)


# --- a declaration as a table ------------------------------------------------------------------


def _table_value(f: FieldSpec, key: str) -> Any:
    """A field's setting as a TOML table writes it (numbers as numbers, months and dates as written)."""
    value = getattr(f, key)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def field_list(names: tuple[str, ...]) -> str:
    """``("branch", "month")`` → ``"branch,month"``, how ``by`` and the others are written."""
    return ",".join(names)


def kind_to_table(spec: KindSpec) -> dict:
    """``spec`` as a ``[kinds.NAME]`` table (the inverse of :func:`kind_from_table`).

    Examples:
        >>> spec = kind_from_table("s", {"fields": {"a": {"synonyms": ["支店"], "required": True}}})
        >>> kind_to_table(spec)
        {'label': '', 'reader': 'generic', 'by': 'a', 'fields': {'a': {'type': 'text', 'synonyms': ['支店'], 'required': True}}}
        >>> kind_from_table("s", kind_to_table(spec)) == spec
        True
    """
    table: dict[str, Any] = {"label": spec.label, "reader": spec.reader, "by": field_list(spec.by)}
    for key in ("sort", "key", "sum"):
        if getattr(spec, key):
            table[key] = field_list(getattr(spec, key))
    fields: dict[str, Any] = {}
    for f in spec.fields:
        ft: dict[str, Any] = {"type": f.type, "synonyms": list(f.synonyms)}
        for key in ("required", "unique"):
            if getattr(f, key):
                ft[key] = True
        if f.label:
            ft["label"] = f.label
        for key in ("min", "max"):
            if getattr(f, key) is not None:
                value = _table_value(f, key)
                ft[key] = value.isoformat() if isinstance(value, dt.date) else value
        if f.one_of:
            ft["one_of"] = list(f.one_of)
        if f.pattern:
            ft["pattern"] = f.pattern
        fields[f.name] = ft
    table["fields"] = fields
    return table
