"""Time-and-materials settlement (SES / 準委任 精算): the hour band and its rounding rules.

A dispatched or contracted engineer is paid a monthly fee (月額単価) for hours inside a band
(精算幅, e.g. 140–180 h). Below the lower limit the vendor bills less (控除), above the upper
limit more (超過). DOMAIN.md §6.1:

* 上下割 (``updown``): deduction rate = fee ÷ lower, excess rate = fee ÷ upper;
* 中割 (``middle``): fee ÷ the band's midpoint, both ways;
* 固定 (``fixed``): the fee, whatever the hours.

Every figure is computed exactly (``fractions.Fraction``) and rounded only where a rule
says so: the month's hours to the contract's unit (e.g. 15 minutes, down), the hourly rate
to 1 or 10 yen when the contract says so, and the settled amount to the yen.

The rules are plain functions here; :func:`settle` (further below) applies them to an
attendance frame and a contract list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Union

from ledgerkit.kinds.contracts import CONTRACT_FIELDS

Number = Union[int, Decimal, Fraction, str]

#: settlement methods as shown in reports, (Japanese, English)
METHOD_LABELS = {"updown": ("上下割", "lower/upper"), "middle": ("中割", "midpoint"), "fixed": ("固定", "fixed")}

#: rounding modes, as in ``ledgerkit.core.money.round_yen``
MODES = ("down", "half_up", "up")

#: settlement methods: 上下割, 中割, 固定
METHODS = ("updown", "middle", "fixed")

_MODE_WORDS = {
    "down": "down", "floor": "down", "truncate": "down", "切捨": "down", "切捨て": "down",
    "切り捨て": "down", "切り捨": "down", "切捨り": "down",
    "half_up": "half_up", "round": "half_up", "四捨五入": "half_up",
    "up": "up", "ceil": "up", "切上": "up", "切上げ": "up", "切り上げ": "up", "切り上": "up",
}

_METHOD_WORDS = {
    "updown": "updown", "上下割": "updown", "上下割り": "updown", "上下": "updown", "上下精算": "updown",
    "middle": "middle", "中割": "middle", "中割り": "middle", "中間割": "middle", "中央割": "middle",
    "fixed": "fixed", "固定": "fixed", "精算なし": "fixed", "なし": "fixed", "定額": "fixed",
}


def _exact(x: Number | float) -> Fraction:
    """``x`` as an exact fraction (floats go through their shortest repr, so 7.5 is 15/2)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(Decimal(repr(x)))
    if isinstance(x, str):
        return Fraction(Decimal(unicodedata.normalize("NFKC", x).replace(",", "").strip()))
    return Fraction(x)


def parse_mode(text: str | None, default: str = "down") -> str:
    """A rounding mode from English or Japanese words (切捨て, 四捨五入, 切上げ).

    Examples:
        >>> parse_mode("切り捨て"), parse_mode("四捨五入"), parse_mode("half_up"), parse_mode(None)
        ('down', 'half_up', 'half_up', 'down')
    """
    if text is None or str(text).strip() == "":
        return default
    key = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    if key in _MODE_WORDS:
        return _MODE_WORDS[key]
    for word, mode in _MODE_WORDS.items():
        if len(word) > 1 and word in key and not word.isascii():
            return mode
    raise ValueError(f"unknown rounding {text!r} (use 切捨て, 四捨五入 or 切上げ)")


def parse_method(text: str | None, default: str = "updown") -> str:
    """A settlement method from 上下割 / 中割 / 固定 (or updown / middle / fixed).

    Examples:
        >>> parse_method("上下割"), parse_method("中割り"), parse_method("固定"), parse_method("")
        ('updown', 'middle', 'fixed', 'updown')
    """
    if text is None or str(text).strip() == "":
        return default
    key = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    if key in _METHOD_WORDS:
        return _METHOD_WORDS[key]
    for word, method in _METHOD_WORDS.items():
        if len(word) > 1 and not word.isascii() and word in key:
            return method
    raise ValueError(f"unknown settlement method {text!r} (use 上下割, 中割 or 固定)")


def parse_unit_minutes(text: Number | float | None, default: int = 15) -> int:
    """The unit monthly hours are rounded to, in minutes: ``15分``, ``0.25h``, ``30``, ``1時間``.

    A bare number is minutes when ≥ 1 and hours when below 1 (``0.25`` = 15 minutes).

    Examples:
        >>> parse_unit_minutes("15分"), parse_unit_minutes("0.5h"), parse_unit_minutes("1時間")
        (15, 30, 60)
        >>> parse_unit_minutes(30), parse_unit_minutes(0.25), parse_unit_minutes(None)
        (30, 15, 15)
    """
    if text is None or (isinstance(text, str) and text.strip() == ""):
        return default
    if isinstance(text, str):
        s = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
        s = s.removesuffix("単位").removesuffix("毎")
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(分|min|minutes?|m|時間|h|hours?)?", s)
        if not m:
            raise ValueError(f"unknown hour unit {text!r} (write e.g. 15分 or 0.25h)")
        value, unit = Fraction(Decimal(m.group(1))), m.group(2)
        if unit in ("時間", "h", "hour", "hours") or (unit is None and value < 1):
            value *= 60
    else:
        value = _exact(text)
        if value < 1:
            value *= 60
    if value.denominator != 1 or value <= 0:
        raise ValueError(f"hour unit {text!r} is not a whole number of minutes")
    return int(value)


def parse_rate_rounding(text: str | None) -> tuple[int | None, str]:
    """How the hourly rate is rounded: ``(step in yen or None for exact, mode)``.

    Examples:
        >>> parse_rate_rounding("10円切捨て"), parse_rate_rounding("1円未満四捨五入")
        ((10, 'down'), (1, 'half_up'))
        >>> parse_rate_rounding(""), parse_rate_rounding("なし")
        ((None, 'down'), (None, 'down'))
    """
    if text is None or str(text).strip() in ("", "なし", "無し", "-", "none", "exact", "端数なし"):
        return None, "down"
    s = unicodedata.normalize("NFKC", str(text)).strip().replace(",", "").replace(" ", "")
    m = re.match(r"(\d+)円", s)
    step = int(m.group(1)) if m else 1
    rest = s[m.end():] if m else s
    rest = rest.removeprefix("未満").removeprefix("単位").removeprefix("で")
    return step, parse_mode(rest or None, "down")


def round_step(value: Number | float, step: int = 1, mode: str = "down") -> int:
    """``value`` rounded to a multiple of ``step`` yen; the absolute value is rounded, the sign kept.

    Examples:
        >>> round_step(Fraction(25000, 7), 10), round_step(Fraction(25000, 7), 1, "half_up")
        (3570, 3571)
        >>> round_step(Decimal("-35714.2857"), 1, "down"), round_step(Decimal("32.5"), 1, "half_up")
        (-35714, 33)
    """
    if mode not in MODES:
        raise ValueError(f"unknown rounding mode {mode!r}")
    v = _exact(value)
    sign = -1 if v < 0 else 1
    q = abs(v) / step
    whole, frac = divmod(q.numerator, q.denominator)
    if frac:
        if mode == "up" or (mode == "half_up" and 2 * frac >= q.denominator):
            whole += 1
    return sign * whole * step


def round_minutes(minutes: Number | float, unit: int = 15, mode: str = "down") -> int:
    """A month's worked minutes rounded to the contract's unit (default: down to 15 minutes).

    Examples:
        >>> round_minutes(130 * 60 + 14), round_minutes(130 * 60 + 15), round_minutes(7829, 30)
        (7800, 7815, 7800)
        >>> round_minutes(7829, 30, "half_up")
        7830
    """
    return round_step(minutes, unit, mode)


def band_rates(
    fee: int,
    lower: Number | float | None,
    upper: Number | float | None,
    method: str = "updown",
    *,
    rate_step: int | None = None,
    rate_mode: str = "down",
) -> tuple[Fraction | int | None, Fraction | int | None]:
    """(deduction rate, excess rate) per hour; exact fractions unless ``rate_step`` is given.

    Examples:
        >>> band_rates(500_000, 140, 180)
        (Fraction(25000, 7), Fraction(25000, 9))
        >>> band_rates(500_000, 140, 180, rate_step=10)
        (3570, 2770)
        >>> band_rates(500_000, 140, 180, "middle")
        (Fraction(3125, 1), Fraction(3125, 1))
        >>> band_rates(500_000, None, None, "fixed")
        (None, None)
    """
    if method == "fixed":
        return None, None
    if method not in METHODS:
        raise ValueError(f"unknown settlement method {method!r}")
    if lower is None or upper is None:
        raise ValueError("a band needs both a lower and an upper limit")
    lo, up = _exact(lower), _exact(upper)
    if lo <= 0 or up < lo:
        raise ValueError(f"band {lower}–{upper} h is not a range of hours")
    if method == "middle":
        down = excess = Fraction(fee) / ((lo + up) / 2)
    else:
        down, excess = Fraction(fee) / lo, Fraction(fee) / up
    if rate_step is not None:
        return round_step(down, rate_step, rate_mode), round_step(excess, rate_step, rate_mode)
    return down, excess


@dataclass(frozen=True)
class Settlement:
    """One person-month settled: hours counted, the rate applied and the money."""

    #: worked minutes after the unit rounding
    minutes: int
    #: the hourly rate applied (deduction or excess), None inside the band or for 固定
    rate: Fraction | int | None
    #: amount − fee: negative for a shortfall (控除), positive for excess (超過)
    adjustment: int
    #: the settled amount excluding tax (税抜)
    amount: int

    @property
    def hours(self) -> Fraction:
        return Fraction(self.minutes, 60)


def settle_month(
    fee: int,
    hours: Number | float,
    lower: Number | float | None = None,
    upper: Number | float | None = None,
    method: str = "updown",
    *,
    unit_minutes: int = 15,
    hours_rounding: str = "down",
    rate_step: int | None = None,
    rate_mode: str = "down",
    amount_rounding: str = "down",
) -> Settlement:
    """Settle one month: the fee adjusted by the hours outside the band.

    ``hours`` is the month's actual total; it is first rounded to ``unit_minutes``
    (``hours_rounding``). The rate is exact unless ``rate_step`` (1 or 10 yen) is given;
    the amount is rounded to the yen with ``amount_rounding``.

    Examples (DOMAIN.md §6.1: ¥500,000, 140–180 h):
        >>> settle_month(500_000, 130, 140, 180).amount
        464285
        >>> settle_month(500_000, 130, 140, 180, amount_rounding="half_up").amount
        464286
        >>> settle_month(500_000, 130, 140, 180, rate_step=10).amount
        464300
        >>> s = settle_month(500_000, 190, 140, 180)
        >>> s.amount, s.adjustment
        (527777, 27777)
        >>> settle_month(500_000, 190, 140, 180, amount_rounding="half_up").amount
        527778
        >>> settle_month(500_000, 190, 140, 180, rate_step=10).amount
        527700
        >>> settle_month(500_000, 160, 140, 180).amount   # inside the band: the fee
        500000

        中割 uses 500,000 ÷ 160 = 3,125 yen an hour both ways:
        >>> s = settle_month(500_000, 130, 140, 180, "middle")
        >>> s.rate, s.amount
        (Fraction(3125, 1), 468750)
        >>> settle_month(500_000, 190, 140, 180, "middle").amount
        531250

        Hours are rounded to the unit first (139 h 50 min → 139 h 45 min with 15 minutes, down):
        >>> s = settle_month(500_000, Fraction(139 * 60 + 50, 60), 140, 180, rate_step=10)
        >>> s.hours, s.adjustment
        (Fraction(559, 4), -893)
        >>> settle_month(400_000, 200, method="fixed").amount
        400000
    """
    if mode_bad := {hours_rounding, rate_mode, amount_rounding} - set(MODES):
        raise ValueError(f"unknown rounding mode {sorted(mode_bad)[0]!r}")
    minutes = round_minutes(_exact(hours) * 60, unit_minutes, hours_rounding)
    if minutes < 0:
        raise ValueError("hours cannot be negative")
    down, excess = band_rates(fee, lower, upper, method, rate_step=rate_step, rate_mode=rate_mode)
    worked = Fraction(minutes, 60)
    rate = None
    exact_amount = Fraction(fee)
    if method != "fixed":
        lo, up = _exact(lower), _exact(upper)
        if worked < lo:
            rate = down
            exact_amount = fee - down * (lo - worked)
        elif worked > up:
            rate = excess
            exact_amount = fee + excess * (worked - up)
    amount = round_step(exact_amount, 1, amount_rounding)
    return Settlement(minutes=minutes, rate=rate, adjustment=amount - fee, amount=amount)


def tax_on(amount: int, rate: Number | float = Decimal("0.10"), mode: str = "down") -> int:
    """Consumption tax on a tax-excluded amount, rounded once (DOMAIN.md §4.2).

    Examples:
        >>> tax_on(464_285), tax_on(464_285, mode="half_up"), tax_on(527_700)
        (46428, 46429, 52770)
    """
    return round_step(Fraction(amount) * _exact(rate), 1, mode)


# --- the contract list ---------------------------------------------------------------------


#: the columns of a contract frame, in order
CONTRACT_COLUMNS = [
    "person", "person_id", "vendor", "fee", "lower", "upper", "method", "unit_minutes",
    "rate_step", "rate_mode", "amount_rounding", "po_no", "valid_from", "valid_to",
    "source_file", "source_sheet", "source_row",
]

#: the columns of a settlement frame, in order (invoice columns only with invoices)
SETTLEMENT_COLUMNS = [
    "person", "person_id", "vendor", "month", "days", "hours_worked", "hours", "lower", "upper",
    "method", "fee", "rate", "adjustment", "amount", "tax", "total",
]
INVOICE_CHECK_COLUMNS = ["invoice_no", "billed", "difference", "check"]

#: settings and their defaults (``[settle]`` in ledgerkit.toml)
SETTLE_DEFAULTS = {
    "hours_unit_minutes": 15,
    "hours_rounding": "down",
    "rate_rounding": "",
    "amount_rounding": "down",
    "method": "updown",
    "tax_rate": 0.10,
    "tax_rounding": "down",
}


def _setting(config, key: str):
    default = SETTLE_DEFAULTS[key]
    if config is None:
        return default
    return config.get(f"settle.{key}", default)


def _hours_value(v) -> Fraction | None:
    from ledgerkit.parse.normalize import is_blank, parse_hours

    if is_blank(v):
        return None
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return Fraction(v)
    h = parse_hours(v)
    return None if h is None else _exact(h)


def _band_text(v) -> tuple[Fraction, Fraction] | None:
    """``140-180``, ``140～180h``, ``140時間〜180時間`` → (140, 180)."""
    if not isinstance(v, str):
        return None
    s = unicodedata.normalize("NFKC", v).replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:h|時間|H)?[-~〜～ー－―/](\d+(?:\.\d+)?)(?:h|時間|H)?", s)
    if not m:
        return None
    return Fraction(Decimal(m.group(1))), Fraction(Decimal(m.group(2)))


def _value_and_reason(value, reason: str) -> dict[str, str]:
    """The cell and why it cannot be read; in English the reason only when it is English
    (the cell parsers give theirs in Japanese, which an English line leaves out).

    Examples:
        >>> _value_and_reason("未定", "金額として読めません")["en"]
        '未定'
        >>> _value_and_reason("200-180", "下限 must be below 上限")["en"]
        '200-180 (下限 must be below 上限)'
    """
    both = f"{value} ({reason})"
    kana = re.search(r"[\u3040-\u30ff]", str(reason))
    return {"ja": both, "en": str(value) if kana else both}


def read_contracts(path, *, config=None):
    """Read a contract list (精算条件一覧): one row per person, from the first sheet that has one.

    Columns are found through :data:`CONTRACT_FIELDS` (plus ``[columns.contracts]`` in
    the config). Returns ``(frame, issues)``; rows that cannot be used are issues.
    Raises InputError when no sheet holds a contract table.
    """
    import pandas as pd

    from ledgerkit.detect.table import Synonyms, detect_table, fill_merged, is_blank
    from ledgerkit.core.errors import InputError
    from ledgerkit.core.issues import Issue
    from ledgerkit.intake.door import open_workbook

    fields = {k: list(v) for k, v in CONTRACT_FIELDS.items()}
    if config is not None:
        for k, words in config.synonyms("contracts").items():
            fields[k] = [*words, *fields.get(k, [])]
    syn = Synonyms(fields)
    book = open_workbook(path, config)
    file = str(path)
    for sheet in book.sheets:
        if sheet.visible != "visible":
            continue
        rows = fill_merged(sheet.rows, sheet.merged)
        table = detect_table(rows, syn, {"person", "fee"})
        if table is None:
            continue
        records, issues = [], []
        for r in range(table.data_start, table.data_end):
            row = rows[r]
            cell = lambda f: row[table.mapping[f]] if f in table.mapping and table.mapping[f] < len(row) else ""  # noqa: E731
            if all(is_blank(v) for v in row):
                continue
            record, problem = _contract_row(cell, config)
            if problem:
                field_name, value, reason = problem
                column = table.columns.get(table.mapping.get(field_name, -1), field_name)
                issues.append(Issue("bad_cell", file=file, sheet=sheet.name, row=r + 1, column=column,
                                    value=str(value), severity="error", rejected=True,
                                    params={"field": column, "value": _value_and_reason(value, reason)}))
                continue
            if record is None:
                continue
            record.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
            records.append(record)
        frame = pd.DataFrame.from_records(records, columns=CONTRACT_COLUMNS)
        for col in ("lower", "upper", "rate_step", "valid_from", "valid_to"):
            # keep None (no band, exact rate, open-ended) as None, not NaN
            frame[col] = pd.Series([r[col] for r in records], dtype=object, index=frame.index)
        return frame, issues
    raise InputError(f"{path}: no contract list found (needs columns 氏名 and 月額単価)")


def _contract_row(cell, config):
    """(record, None), (None, None) for a total or note row, or (None, (field, value, reason))."""
    from ledgerkit.parse.normalize import CellValueError, is_total_label, normalize_name, normalize_text, parse_amount, parse_date

    person = normalize_name(cell("person"))
    if not person or is_total_label(person):
        return None, None
    try:
        fee = parse_amount(cell("fee"))
    except CellValueError as e:
        return None, ("fee", cell("fee"), str(e))
    if fee is None or fee != fee.to_integral_value() or fee <= 0:
        return None, ("fee", cell("fee"), "not a whole yen amount")
    try:
        method = parse_method(normalize_text(cell("method")) or None, _setting(config, "method"))
    except ValueError as e:
        return None, ("method", cell("method"), str(e))
    lower = upper = None
    try:
        band = _band_text(cell("band"))
        lower = _hours_value(cell("lower"))
        upper = _hours_value(cell("upper"))
    except (CellValueError, ValueError) as e:
        return None, ("lower", cell("lower"), str(e))
    if band and lower is None and upper is None:
        lower, upper = band
    if method != "fixed":
        if lower is None or upper is None:
            return None, ("lower" if lower is None else "upper", "", "a band needs 下限 and 上限 (or 精算方法 固定)")
        if lower <= 0 or upper < lower:
            return None, ("upper", f"{lower}-{upper}", "下限 must be below 上限")
    try:
        unit = parse_unit_minutes(normalize_text(cell("unit")) or None, int(_setting(config, "hours_unit_minutes")))
    except ValueError as e:
        return None, ("unit", cell("unit"), str(e))
    try:
        rate_text = normalize_text(cell("rate_rounding")) or _setting(config, "rate_rounding") or None
        rate_step, rate_mode = parse_rate_rounding(rate_text)
        amount_mode = parse_mode(normalize_text(cell("amount_rounding")) or None, _setting(config, "amount_rounding"))
    except ValueError as e:
        return None, ("rate_rounding", cell("rate_rounding"), str(e))
    dates = {}
    for f in ("valid_from", "valid_to"):
        try:
            dates[f] = parse_date(cell(f))
        except CellValueError as e:
            return None, (f, cell(f), str(e))
    pid = normalize_text(cell("person_id"))
    if pid.endswith(".0") and pid[:-2].isdigit():
        pid = pid[:-2]
    return {
        "person": person,
        "person_id": pid,
        "vendor": normalize_text(cell("vendor")),
        "fee": int(fee),
        "lower": lower,
        "upper": upper,
        "method": method,
        "unit_minutes": unit,
        "rate_step": rate_step,
        "rate_mode": rate_mode,
        "amount_rounding": amount_mode,
        "po_no": normalize_text(cell("po_no")),
        "valid_from": dates["valid_from"],
        "valid_to": dates["valid_to"],
    }, None


# --- settle ------------------------------------------------------------------------------

def _rate_display(rate) -> Decimal | None:
    """The applied rate as shown in a report: whole yen, or two decimals when exact."""
    if rate is None:
        return None
    fr = _exact(rate)
    if fr.denominator == 1:
        return Decimal(fr.numerator)
    return Decimal(round_step(fr * 100, 1, "half_up")) / 100


def _minutes_of_hours(h) -> int:
    # attendance hours are whole minutes; floats carry them as e.g. 7.749999999
    return round_step(_exact(float(h)) * 60, 1, "half_up")


def _month_of(d) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _pick_contract(contracts, person: str, person_id: str, month: str):
    """The contract rows for a person (by ID when both sides have one, else by name) valid in month."""
    from ledgerkit.attendance.read import person_key

    if person_id and (contracts["person_id"] != "").any():
        rows = contracts[contracts["person_id"] == person_id]
        if rows.empty:
            rows = contracts[(contracts["person_key"] == person_key(person)) & (contracts["person_id"] == "")]
    else:
        rows = contracts[contracts["person_key"] == person_key(person)]
    if rows.empty:
        return rows
    y, m = map(int, month.split("-"))
    import calendar
    import datetime as dt

    first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    keep = [
        (f is None or f != f or f <= last) and (t is None or t != t or t >= first)
        for f, t in zip(rows["valid_from"], rows["valid_to"])
    ]
    return rows[keep]


def settle(attendance, contracts, invoices=None, month: str | None = None, config=None):
    """Settle each person's month under their contract, and check the vendors' invoices.

    ``attendance`` is an attendance frame (``ledgerkit.attendance.read.COLUMNS``) or paths of
    attendance workbooks; ``contracts`` a contract frame (:data:`CONTRACT_COLUMNS`) or the
    contract list's path; ``invoices`` an invoice frame (``invoice_no, issue_date, vendor,
    po_no, net, tax, total`` …) or paths of invoice lists; ``month`` ``YYYY-MM`` limits
    the settlement to that month.

    Returns ``(frame, findings)``: one row per person and month with
    :data:`SETTLEMENT_COLUMNS` (and :data:`INVOICE_CHECK_COLUMNS` with invoices), money in
    integer yen; findings are :class:`~ledgerkit.core.issues.Issue` objects (reading problems
    of the inputs, and every invoice that does not bill the settled amount).

    Raises DataError naming every person with attendance but no contract.

    Examples:
        >>> import datetime as dt, pandas as pd
        >>> att = pd.DataFrame({"date": [dt.date(2024, 11, d) for d in range(1, 14)],
        ...                     "person": "山田太郎", "person_id": "", "hours": 10.0,
        ...                     "source_file": "a.xlsx", "source_sheet": "11月", "source_row": range(5, 18)})
        >>> con = pd.DataFrame([{"person": "山田太郎", "vendor": "株式会社アルファ", "fee": 500_000,
        ...                      "lower": 140, "upper": 180, "method": "updown", "unit_minutes": 15,
        ...                      "rate_step": None, "rate_mode": "down", "amount_rounding": "down"}])
        >>> frame, findings = settle(att, con)
        >>> frame[["person", "month", "days", "hours", "rate", "adjustment", "amount", "tax", "total"]].values.tolist()
        [['山田太郎', '2024-11', 13, 130.0, Decimal('3571.43'), -35715, 464285, 46428, 510713]]
    """
    import pandas as pd

    from ledgerkit.attendance.read import person_key
    from ledgerkit.core.errors import DataError, InputError
    from ledgerkit.core.issues import Issue

    findings: list[Issue] = []
    lang = config.lang if config is not None else "ja"
    if not isinstance(attendance, pd.DataFrame):
        # the common intake: worker processes, lock files and identical copies skipped
        from ledgerkit.consolidate.aggregate import aggregate

        result = aggregate(attendance, kind="attendance", config=config)
        attendance = result.frame
        findings.extend(result.issues)
    unusable: list[Issue] = []
    if not isinstance(contracts, pd.DataFrame):
        contracts, found = read_contracts(contracts, config=config)
        findings.extend(found)
        unusable = [i for i in found if i.rejected]
    if len(attendance) == 0:
        raise InputError("no attendance rows found (check the files with: ledgerkit inspect --kind attendance)")
    contracts = _complete_contracts(contracts, config)
    if month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise InputError(f"--month must be YYYY-MM, not {month!r}")

    att = attendance.copy()
    if "person_id" not in att:
        att["person_id"] = ""
    att["person_id"] = att["person_id"].fillna("").astype(str)
    att = att[att["hours"].notna()]
    att["month"] = [_month_of(d) for d in pd.to_datetime(att["date"]).dt.date]
    if "period" in att:
        # a closing-day 勤務表 (10/21-11/20 under 11月度) is settled as the month it names
        period = att["period"]
        att["month"] = att["month"].where(~period.apply(lambda p: isinstance(p, str) and bool(p)), period)
    if month is not None:
        others = att[att["month"] != month]
        for person, group in others.groupby("person", sort=True):
            findings.append(Issue("settle_other_month", file=str(group["source_file"].iloc[0]), scope="settlement",
                                  severity="info",
                                  params={"person": person, "month": month,
                                          "other": ", ".join(sorted(set(group["month"])))}))
        att = att[att["month"] == month]
        if att.empty:
            # a typo in --month would settle nobody and look like a clean month
            present = ", ".join(sorted(set(others["month"]))) or "-"
            raise InputError(f"--month {month}: no attendance for that month (the files hold {present})")

    records, missing = [], []
    tax_rate = _exact(_setting(config, "tax_rate"))
    tax_mode = parse_mode(_setting(config, "tax_rounding"))
    att["person_key"] = [person_key(p) for p in att["person"]]
    for (key, ym), group in att.groupby(["person_key", "month"], sort=True):
        person = group["person"].iloc[0]
        pid = next((p for p in group["person_id"] if p), "")
        rows = _pick_contract(contracts, person, pid, ym)
        where = f"{group['source_file'].iloc[0]} / {group['source_sheet'].iloc[0]}"
        if rows.empty:
            missing.append(f"{person} ({ym}, {where})")
            continue
        if len(rows) > 1:
            lines = ", ".join(f"row {r}" for r in rows["source_row"])
            raise DataError(f"{person}: {len(rows)} contracts apply to {ym} ({lines}); keep one or set 契約開始/契約終了")
        c = rows.iloc[0]
        _check_one_sheet(group, person, ym)
        minutes = sum(_minutes_of_hours(h) for h in group["hours"])
        s = settle_month(
            int(c["fee"]), Fraction(minutes, 60), c["lower"], c["upper"], c["method"],
            unit_minutes=int(c["unit_minutes"]), hours_rounding=_setting(config, "hours_rounding"),
            rate_step=None if c["rate_step"] is None or c["rate_step"] != c["rate_step"] else int(c["rate_step"]),
            rate_mode=c["rate_mode"], amount_rounding=c["amount_rounding"],
        )
        tax = tax_on(s.amount, tax_rate, tax_mode)
        days = int(group.loc[group["hours"] > 0, "date"].nunique())
        records.append({
            "person": person,
            "person_id": pid or c.get("person_id", ""),
            "vendor": c["vendor"],
            "month": ym,
            "days": days,
            "hours_worked": float(round_step(Fraction(minutes, 60) * 100, 1, "half_up")) / 100,
            "hours": float(s.hours),
            "lower": None if c["lower"] is None else float(c["lower"]),
            "upper": None if c["upper"] is None else float(c["upper"]),
            "method": METHOD_LABELS[c["method"]][0 if lang == "ja" else 1],
            "fee": int(c["fee"]),
            "rate": _rate_display(s.rate),
            "adjustment": s.adjustment,
            "amount": s.amount,
            "tax": tax,
            "total": s.amount + tax,
            "_po_no": c.get("po_no", "") or "",
            "_source_file": str(group["source_file"].iloc[0]),
            "_source_sheet": str(group["source_sheet"].iloc[0]),
        })
    if missing:
        # a contract row that could not be read is why, more often than a missing one: name those rows
        why = "".join(f"\n{i.location()}: {i.message(lang)}" for i in unusable)
        raise DataError("no contract for " + "; ".join(missing) + " — add them to the contract list" + why)
    frame = pd.DataFrame.from_records(records, columns=[*SETTLEMENT_COLUMNS, "_po_no", "_source_file", "_source_sheet"])
    if invoices is not None:
        if not isinstance(invoices, pd.DataFrame):
            from ledgerkit.invoices.read import read_invoices

            paths = invoices if isinstance(invoices, (list, tuple)) else [invoices]
            invoices, found, rows_read = read_invoices(paths, config=config, keep_internal=True)
            if rows_read == 0 and any(i.code in ("no_table", "empty_sheet") for i in found):
                # a wrong file given as --invoices: say so, not 'no invoice' for every person
                from ledgerkit.core.errors import InputError
                from ledgerkit.core.messages import text

                raise InputError(text("budget_no_invoices", lang, files=", ".join(str(p) for p in paths)))
            findings.extend(found)
        frame, found = check_settled_invoices(frame, invoices, month=month, contracts=contracts, lang=lang)
        findings.extend(found)
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    return frame, findings


def _check_one_sheet(group, person: str, ym: str) -> None:
    """Refuse a month reported on two sheets with the same days (a revised copy beside the original)."""
    from ledgerkit.core.errors import DataError

    sources = group.groupby(["source_file", "source_sheet"], sort=True)["date"].apply(set)
    if len(sources) < 2:
        return
    seen: dict = {}
    for where, dates in sources.items():
        for other, other_dates in seen.items():
            if dates & other_dates:
                day = min(dates & other_dates)
                raise DataError(
                    f"{person} {ym}: the same days (e.g. {day}) are on two sheets, {other[0]} / {other[1]} and "
                    f"{where[0]} / {where[1]}; keep one of them"
                )
        seen[where] = dates


def _complete_contracts(contracts, config):
    """A contract frame with every column, defaults filled in (for frames made by hand)."""
    from ledgerkit.attendance.read import person_key

    c = contracts.copy()
    defaults = {
        "person_id": "", "vendor": "", "lower": None, "upper": None, "method": _setting(config, "method"),
        "unit_minutes": int(_setting(config, "hours_unit_minutes")), "rate_step": None,
        "rate_mode": "down", "amount_rounding": _setting(config, "amount_rounding"), "po_no": "",
        "valid_from": None, "valid_to": None, "source_file": "", "source_sheet": "", "source_row": None,
    }
    for col, value in defaults.items():
        if col not in c:
            c[col] = [value] * len(c)
    c["person_id"] = c["person_id"].fillna("").astype(str)
    c["method"] = [parse_method(m) for m in c["method"]]
    c["lower"] = [None if v is None or v != v else _exact(v) for v in c["lower"]]
    c["upper"] = [None if v is None or v != v else _exact(v) for v in c["upper"]]
    c["person_key"] = [person_key(p) for p in c["person"]]
    c = c.astype({"lower": object, "upper": object, "rate_step": object})
    return c


# --- checking the vendors' invoices against the settlement ---------------------------------

_INVOICE_PERSON_HEADERS = ("氏名", "要員名", "要員", "技術者名", "技術者", "作業者", "作業者名", "担当者",
                           "スタッフ名", "スタッフ", "person", "engineer")
_INVOICE_MONTH_HEADERS = ("対象月", "対象年月", "稼働月", "作業月", "取引年月", "請求対象月", "精算月", "month")


def _prev_month(ym: str) -> str:
    y, m = map(int, ym.split("-"))
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def _month_rank(ym: str, months: list[str]) -> int | None:
    """Where ``ym`` stands among an invoice's candidate months (0 = its most likely), or None."""
    for i, m in enumerate(months):
        if m == ym or (m.startswith("????") and m[4:] == ym[4:]):
            return i
    return None


def _invoice_records(invoices) -> list[dict]:
    """One record per invoice (rows of one invoice at several tax rates added up)."""
    import pandas as pd

    from ledgerkit.attendance.read import person_key
    from ledgerkit.detect.table import header_key
    from ledgerkit.parse.normalize import normalize_text, parse_year_month, vendor_key

    inv = invoices.copy()
    if "invoice_key" not in inv or (inv["invoice_key"].astype(str) == "").all():
        inv["invoice_key"] = [f"{f}|{s}|{r}" for f, s, r in zip(inv["source_file"], inv["source_sheet"], inv["source_row"])]
    person_col = next((c for c in inv.columns if header_key(c) in _INVOICE_PERSON_HEADERS), None)
    month_col = next((c for c in inv.columns if header_key(c) in _INVOICE_MONTH_HEADERS), None)
    records = []
    for key, g in inv.groupby("invoice_key", sort=False):
        first = g.iloc[0]
        nets = [v for v in g["net"] if v is not None and not pd.isna(v)]
        if not nets:
            continue
        explicit = None
        issue = next((first.get(c) for c in ("issue_date", "received_date")
                      if first.get(c) is not None and not pd.isna(first.get(c))), None)
        for text in ([first[month_col]] if month_col else []) + [first.get("subject", ""), first.get("project", "")]:
            if isinstance(text, (pd.Timestamp,)) or hasattr(text, "year"):
                explicit = f"{text.year:04d}-{text.month:02d}"
                break
            found = parse_year_month(text) if isinstance(text, str) and text else None
            if found and found[1]:
                year = found[0]
                if year is None and issue is not None:
                    # 11月分 on an invoice issued in January is the year before
                    year = issue.year - (1 if found[1] > issue.month else 0)
                # 10月分 with no year anywhere: October of whichever year is settled
                explicit = f"{year:04d}-{found[1]:02d}" if year else f"????-{found[1]:02d}"
                break
        if explicit:
            months = [explicit]
        elif issue is not None:
            own = f"{issue.year:04d}-{issue.month:02d}"
            # issued in the first days of a month: most likely for the month before
            months = [_prev_month(own), own] if issue.day <= 20 else [own, _prev_month(own)]
        else:
            months = []
        vendor = normalize_text(first.get("vendor", ""))
        records.append({
            "key": key,
            "invoice_no": normalize_text(first.get("invoice_no", "")),
            "vendor": vendor,
            "vendor_key": first.get("vendor_key") or vendor_key(vendor),
            "po_no": normalize_text(first.get("po_no", "")),
            "person_key": person_key(normalize_text(first[person_col])) if person_col and not pd.isna(first[person_col]) else "",
            "net": int(sum(int(v) for v in nets)),
            "net_column": str(first.get("_col_net") or "net") if "_col_net" in g else "net",
            "months": months,
            "file": str(first.get("source_file", "")),
            "sheet": str(first.get("source_sheet", "")),
            "row": int(first["source_row"]) if not pd.isna(first.get("source_row")) else None,
            "used": False,
        })
    return records


#: words in the ``check`` column, (Japanese, English)
CHECK_LABELS = {"ok": ("一致", "match"), "diff": ("差異", "differs"), "none": ("請求書なし", "no invoice"),
                "ambiguous": ("特定できず", "ambiguous")}


def check_settled_invoices(frame, invoices, *, month: str | None = None, contracts=None, lang: str = "ja"):
    """Compare each settled amount with the vendor's invoice for that person and month.

    An invoice matches by vendor (name key) and month (a 対象月 column or ``11月分`` in
    the subject; otherwise its issue date: from the 21st on, that month, before it the
    month before), and by person or PO number when the list has them. One invoice for
    several people of the same vendor is compared with their sum. Returns the frame with
    :data:`INVOICE_CHECK_COLUMNS` added and the findings.
    """
    from ledgerkit.attendance.read import person_key
    from ledgerkit.core.issues import Issue
    from ledgerkit.parse.normalize import vendor_key

    out = frame.copy()
    findings: list[Issue] = []
    for col in INVOICE_CHECK_COLUMNS:
        out[col] = None
    records = _invoice_records(invoices)
    out["_vkey"] = [vendor_key(v) for v in out["vendor"]]
    out["_pkey"] = [person_key(p) for p in out["person"]]
    check = {k: v[0 if lang == "ja" else 1] for k, v in CHECK_LABELS.items()}

    def mark(idx, inv, status, group_amount):
        out.at[idx, "invoice_no"] = inv["invoice_no"] if inv else None
        out.at[idx, "billed"] = inv["net"] if inv else None
        out.at[idx, "difference"] = (inv["net"] - group_amount) if inv else None
        out.at[idx, "check"] = check[status]

    def compare(idxs, inv):
        amount = int(sum(out.at[i, "amount"] for i in idxs))
        inv["used"] = True
        status = "ok" if inv["net"] == amount else "diff"
        for i in idxs:
            mark(i, inv, status, amount)
        if status == "diff":
            names = "・".join(out.at[i, "person"] for i in idxs)
            findings.append(Issue(
                "settle_amount_mismatch", file=inv["file"], sheet=inv["sheet"], row=inv["row"], column=inv["net_column"],
                value=str(inv["net"]), severity="error", scope="settlement",
                params={"person": names, "month": out.at[idxs[0], "month"], "billed": f"{inv['net']:,}",
                        "settled": f"{amount:,}", "diff": f"{inv['net'] - amount:+,}",
                        "invoice_no": inv["invoice_no"]},
            ))

    for (vkey, ym), group in out.sort_values("month").groupby(["_vkey", "month"], sort=True):
        # a contract without a vendor can still be matched by person or PO, from any vendor
        candidates = [r for r in records if not r["used"] and (r["vendor_key"] == vkey or not vkey)
                      and _month_rank(ym, r["months"]) is not None]
        # the primary month first, so an invoice is matched to the month it most likely bills
        candidates.sort(key=lambda r: _month_rank(ym, r["months"]))
        left = list(group.index)
        for idx in list(left):
            po = out.at[idx, "_po_no"] if "_po_no" in out else ""
            named = [r for r in candidates if not r["used"] and (
                (r["person_key"] and r["person_key"] == out.at[idx, "_pkey"]) or (po and r["po_no"] == po))]
            if len(named) == 1:
                compare([idx], named[0])
                left.remove(idx)
            elif len(named) > 1:
                _ambiguous(findings, out, idx, named, mark)
                left.remove(idx)
        free = [r for r in candidates if vkey and not r["used"] and not r["person_key"]
                and not (r["po_no"] and r["po_no"] in set(out.loc[group.index, "_po_no"]))]
        if not left:
            continue
        if not free:
            for idx in left:
                mark(idx, None, "none", 0)
                findings.append(Issue(
                    "settle_no_invoice", file=out.at[idx, "_source_file"], sheet=out.at[idx, "_source_sheet"],
                    severity="error", scope="settlement",
                    params={"person": out.at[idx, "person"], "month": ym, "vendor": out.at[idx, "vendor"],
                            "settled": f"{int(out.at[idx, 'amount']):,}"},
                ))
            continue
        if len(free) == 1:
            compare(left, free[0])
            continue
        # several invoices, several people: pair equal amounts, then a last one-to-one pair
        for idx in list(left):
            same = next((r for r in free if not r["used"] and r["net"] == out.at[idx, "amount"]), None)
            if same is not None:
                compare([idx], same)
                left.remove(idx)
        rest = [r for r in free if not r["used"]]
        if len(left) == 1 and len(rest) == 1:
            compare(left, rest[0])
        else:
            for idx in left:
                _ambiguous(findings, out, idx, rest, mark)
    # invoices from the contracts' vendors that bill a settled month with no attendance
    vendors = set(out["_vkey"])
    if contracts is not None and len(contracts):
        vendors |= {vendor_key(v) for v in contracts["vendor"] if v}
    months = {month} if month else set(out["month"])
    for r in records:
        if r["used"] or r["vendor_key"] not in vendors or not r["months"]:
            continue
        if not any(_month_rank(m, r["months"][:1]) == 0 for m in months):
            continue
        findings.append(Issue(
            "settle_no_attendance", file=r["file"], sheet=r["sheet"], row=r["row"], column=r["net_column"],
            value=str(r["net"]), severity="error", scope="settlement",
            params={"invoice_no": r["invoice_no"] or "-", "vendor": r["vendor"], "month": r["months"][0],
                    "billed": f"{r['net']:,}"},
        ))
    out = out.drop(columns=["_vkey", "_pkey"])
    for col in ("billed", "difference"):
        out[col] = out[col].astype("Int64")
    return out, findings


def _ambiguous(findings, out, idx, invoices, mark) -> None:
    from ledgerkit.core.issues import Issue

    for r in invoices:
        r["used"] = True
    mark(idx, None, "ambiguous", 0)
    findings.append(Issue(
        "settle_ambiguous_invoice", file=out.at[idx, "_source_file"], sheet=out.at[idx, "_source_sheet"],
        severity="error", scope="settlement",
        params={"person": out.at[idx, "person"], "month": out.at[idx, "month"], "vendor": out.at[idx, "vendor"],
                "count": len(invoices), "invoices": ", ".join(r["invoice_no"] or f"row {r['row']}" for r in invoices)},
    ))


# --- writing -----------------------------------------------------------------------------

#: report headings of the settlement columns, (Japanese, English)
SETTLEMENT_HEADINGS: dict[str, tuple[str, str]] = {
    "person": ("氏名", "Person"),
    "person_id": ("社員番号", "ID"),
    "vendor": ("取引先", "Vendor"),
    "month": ("年月", "Month"),
    "days": ("稼働日数", "Days"),
    "hours_worked": ("実稼働時間", "Hours worked"),
    "hours": ("精算時間", "Hours settled"),
    "lower": ("下限", "Lower"),
    "upper": ("上限", "Upper"),
    "method": ("精算方法", "Method"),
    "fee": ("月額単価", "Monthly fee"),
    "rate": ("精算単価", "Hourly rate"),
    "adjustment": ("控除・超過額", "Adjustment"),
    "amount": ("精算額(税抜)", "Amount (excl. tax)"),
    "tax": ("消費税", "Tax"),
    "total": ("税込合計", "Total"),
    "invoice_no": ("請求書番号", "Invoice no."),
    "billed": ("請求額(税抜)", "Billed (excl. tax)"),
    "difference": ("差額", "Difference"),
    "check": ("照合", "Check"),
}
_SETTLEMENT_FORMATS = {
    "days": "int", "hours_worked": "hours", "hours": "hours", "lower": "hours", "upper": "hours",
    "fee": "yen", "rate": "hours", "adjustment": "yen", "amount": "yen", "tax": "yen", "total": "yen",
    "billed": "yen", "difference": "yen",
}


def write_settlement(frame, findings, target, *, lang: str = "ja", inputs=()) -> None:
    """Write the settlement: ``.xlsx`` as a report (精算 sheet, differences marked, Issues),
    ``.csv`` / ``.json`` / ``-`` as the rows (machine-readable column names)."""
    import os
    from pathlib import Path

    from ledgerkit.reports.writers import XlsxReport, write_frame

    if os.fspath(target) != "-" and Path(target).suffix.lower() == ".xlsx":
        headings = {c: SETTLEMENT_HEADINGS[c][0 if lang == "ja" else 1] for c in frame.columns if c in SETTLEMENT_HEADINGS}
        name = "精算" if lang == "ja" else "Settlement"
        with XlsxReport(target, inputs=inputs, lang=lang) as report:
            if "check" in frame.columns:
                for pos, status in enumerate(frame["check"]):
                    if status is not None and status not in CHECK_LABELS["ok"]:
                        column = "difference" if status in CHECK_LABELS["diff"] else "check"
                        report.highlight(name, pos, column, "error")
            report.add_table(name, frame, formats=_SETTLEMENT_FORMATS, headings=headings)
            report.add_issues(findings, lang=lang)
        return
    write_frame(frame, target, inputs=inputs, lang=lang)
