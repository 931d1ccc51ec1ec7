"""Japanese-aware parsers for single cell values (DOMAIN §7).

Every ``parse_*`` function takes one cell value as the reader delivers it ('' for empty,
str, int, float, bool, datetime/date/time/timedelta, or None) and returns a Python value,
``None`` for a blank (or a placeholder such as ``-`` / ``―``), or raises
:class:`CellValueError` with a short reason a person can act on. They never raise
anything else, so a pipeline can turn every failure into an Issue with the cell's place.

They run on every cell, so plain numbers and plain digit strings take a fast path and
all regular expressions are compiled once.

Examples:
    >>> parse_hours("7時間30分")
    7.5
    >>> parse_amount("▲1,000")
    Decimal('-1000')
    >>> parse_date("令和8年10月1日")
    datetime.date(2026, 10, 1)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ledgerkit.parse.wareki import _BY_NAME as _ERA_BY_NAME
from ledgerkit.parse.wareki import WarekiError, parse_wareki

__all__ = [
    "CellValueError",
    "normalize_text",
    "normalize_name",
    "is_blank",
    "parse_hours",
    "parse_date",
    "parse_amount",
    "parse_amount_with_basis",
    "parse_rate",
    "parse_code",
    "parse_year_month",
    "is_total_label",
    "normalize_registration_no",
    "is_registration_no_format",
    "corp_check_digit",
    "registration_check_digit_ok",
    "split_legal_form",
    "vendor_key",
]


class CellValueError(ValueError):
    """A cell value that cannot be read as what the column expects.

    ``reason`` is a short Japanese phrase (e.g. ``時間として読めません``) for the Issues
    sheet; ``value`` is the cell value as given.
    """

    def __init__(self, reason: str, value: object = None):
        self.reason = reason
        self.value = value
        super().__init__(reason)


# --- foreign scalars ------------------------------------------------------------------

_PLAIN_TYPES = frozenset({str, int, float, bool, Decimal, _dt.datetime, _dt.date, _dt.time, _dt.timedelta, type(None)})


def _plain(v: object) -> object:
    """numpy and pandas scalars as plain Python values; pandas' NA and NaT as None.

    Values that come through a DataFrame are numpy/pandas scalars; the parsers treat
    them like the reader's plain values.
    """
    t = type(v)
    if t in _PLAIN_TYPES:
        return v
    name, module = t.__name__, t.__module__
    if name in ("NAType", "NaTType"):
        return None
    if module.startswith("numpy") and hasattr(v, "item"):
        try:
            return v.item()  # type: ignore[attr-defined]
        except (TypeError, ValueError):  # pragma: no cover - exotic numpy values
            return v
    if module.startswith("pandas"):
        if isinstance(v, _dt.datetime) and hasattr(v, "to_pydatetime"):
            return v.to_pydatetime()  # type: ignore[attr-defined]
        if isinstance(v, _dt.timedelta) and hasattr(v, "to_pytimedelta"):
            return v.to_pytimedelta()  # type: ignore[attr-defined]
    return v


# --- text -----------------------------------------------------------------------------

# Minus-like signs NFKC leaves alone (U+2212 minus, U+2010 hyphen, U+2011 non-breaking
# hyphen, U+2012 figure dash, U+2013 en dash). U+FE63 and U+FF0D become '-' under NFKC.
# 'ー' (U+30FC, katakana long vowel) is a letter and is never touched.
_MINUS_TABLE = str.maketrans(
    {
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        # zero-width characters that sneak in from web pages and CSV exports
        "\u200b": None,
        "\ufeff": None,
        "\u2060": None,
        # … and the other invisible ones (joiners, direction marks, soft hyphen): one person
        # typed with and without them is still one person
        "\u200c": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u00ad": None,
        "\u180e": None,
        **dict.fromkeys(range(0x202A, 0x202F), None),
        **dict.fromkeys(range(0x2061, 0x206A), None),
    }
)
_WS_RE = re.compile(r"\s+")


def normalize_text(v: object) -> str:
    """``str(v)`` in NFKC, minus signs as ``-``, spaces trimmed and collapsed.

    ``None`` and float NaN become ``''``. Full-width letters, digits and spaces become
    ASCII; half-width katakana become full-width; ``ー`` is kept.

    Examples:
        >>> normalize_text("　ＡＢＣ　１２３ ")
        'ABC 123'
        >>> normalize_text("−1,000"), normalize_text("コーヒー")
        ('-1,000', 'コーヒー')
        >>> normalize_text("ｶﾌﾞｼｷｶﾞｲｼｬ  ﾃｽﾄ")
        'カブシキガイシャ テスト'
    """
    if v.__class__ is str:
        s = v
    else:
        v = _plain(v)
        if v is None or (isinstance(v, float) and v != v):
            return ""
        s = str(v)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_MINUS_TABLE)
    return _WS_RE.sub(" ", s).strip()


_NAME_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def normalize_name(v: object) -> str:
    """A person's name for matching: :func:`normalize_text`, then no spaces between
    Japanese characters (Latin names keep theirs).

    Variant kanji (髙, 﨑) are kept as written.

    Examples:
        >>> normalize_name("山田　太郎"), normalize_name(" 山田 太郎 ")
        ('山田太郎', '山田太郎')
        >>> normalize_name("John  Smith")
        'John Smith'
    """
    s = normalize_text(v)
    if " " in s and not s.isascii():
        s = _NAME_SPACE_RE.sub("", s)
    return s


#: text that means "nothing here" in a number or date cell
_PLACEHOLDERS = frozenset({"", "-", "--", "---", "―", "――", "—", "——", "ー", "~"})


def is_blank(v: object) -> bool:
    """True for None, NaN, '' and placeholder dashes (``-``, ``―``, ``—``).

    Examples:
        >>> is_blank("　"), is_blank("―"), is_blank(0)
        (True, True, False)
    """
    v = _plain(v)
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    if isinstance(v, str):
        return normalize_text(v) in _PLACEHOLDERS
    return False


# --- hours ----------------------------------------------------------------------------

_PLAIN_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_HOURS_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(?:h|hr|hrs|hour|hours|時間|時)", re.I)
_HM_UNIT_RE = re.compile(
    r"(\d+)(?:h|hr|hrs|時間|時)(\d+(?:\.\d+)?)(?:m|min|mins|分)?", re.I
)
_HALF_RE = re.compile(r"(\d+)(?:時間|h)半", re.I)
_MIN_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)(?:m|min|mins|minutes|分)", re.I)
_CLOCK_RE = re.compile(r"(\d+):(\d{1,2})(?::(\d{1,2}))?")


def _hours_from_seconds(seconds: int) -> float:
    # Dividing the exact integer keeps "exact to the minute": 7:20 and 440/60 give one float.
    if seconds % 60 == 0:
        return (seconds // 60) / 60
    return seconds / 3600


def _seconds_of(t: _dt.time | _dt.timedelta) -> int:
    """Whole seconds, rounding the microseconds Excel's binary fractions leave behind."""
    if isinstance(t, _dt.timedelta):
        us = t.days * 86_400_000_000 + t.seconds * 1_000_000 + t.microseconds
    else:
        us = ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond
    return (us + 500_000) // 1_000_000


def parse_hours(v: object) -> float | None:
    """Hours worked as a float (``7:30`` → 7.5).

    Accepts numbers (hours), ``datetime.time``, ``datetime.timedelta`` (past 24 h), and
    text ``7.5``, ``７．５``, ``7.5h``, ``7.5時間``, ``7時間30分``, ``30分``, ``7:30``,
    ``7:30:00``, ``37:30``. Blank and ``-``/``―`` → None. Negative, NaN, infinite and other
    text raise CellValueError. A plain number is always hours (0.5 is half an hour, not
    half a day); time-formatted Excel cells arrive as ``datetime.time``.

    Examples:
        >>> parse_hours("7:30"), parse_hours("７．５"), parse_hours("30分")
        (7.5, 7.5, 0.5)
        >>> import datetime
        >>> parse_hours(datetime.timedelta(hours=37, minutes=30))
        37.5
        >>> parse_hours("-1")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.normalize.CellValueError: 負の時間です
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is int or t is float:
        if v != v or v in (math.inf, -math.inf):
            raise CellValueError("時間として読めません (数値ではありません)", v)
        if v < 0:
            raise CellValueError("負の時間です", v)
        if t is int and v > 10**15:
            raise CellValueError("時間として読めません (大きすぎます)", v)
        return float(v)
    if t is bool:
        raise CellValueError("時間として読めません (真偽値です)", v)
    if isinstance(v, _dt.datetime):
        # A time serial under a date-like format arrives as 1899-12-30/31 + time; a
        # duration past 24 h under "h:mm" (not "[h]:mm") as 1900-01-01 13:30 for 37:30.
        # Excel sums the stored serial, so read the serial: days since 1899-12-31 × 24.
        if v.year == 1899 and v.month == 12 and v.day in (30, 31):
            return _hours_from_seconds(_seconds_of(v.time()))
        if v.year == 1900 and (v.month == 1 or (v.month == 2 and v.day <= 28)):
            return _hours_from_seconds(_seconds_of(v - _dt.datetime(1899, 12, 31)))
        raise CellValueError("時間の欄に日付が入っています", v)
    if isinstance(v, _dt.time):
        return _hours_from_seconds(_seconds_of(v))
    if isinstance(v, _dt.timedelta):
        if v < _dt.timedelta(0):
            raise CellValueError("負の時間です", v)
        return _hours_from_seconds(_seconds_of(v))
    if isinstance(v, _dt.date):
        raise CellValueError("時間の欄に日付が入っています", v)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("時間として読めません (数値ではありません)", v)
        if v < 0:
            raise CellValueError("負の時間です", v)
        h = float(v)
        if h == math.inf:
            raise CellValueError("時間として読めません (数値ではありません)", v)
        return h
    if isinstance(v, (int, float)):  # numpy scalars, int/float subclasses
        return parse_hours(float(v))
    if not isinstance(v, str):
        raise CellValueError("時間として読めません", v)

    if _PLAIN_NUMBER_RE.fullmatch(v):  # fast path: '7.5'
        return float(v)
    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None
    s = s.replace(" ", "")
    if s.startswith("-") and len(s) > 1:
        # Only a negative *number of hours* is "negative"; other text is unreadable.
        try:
            parse_hours(s[1:])
        except CellValueError:
            raise CellValueError("時間として読めません", v) from None
        raise CellValueError("負の時間です", v)
    if s.startswith("+"):
        s = s[1:]
    if _PLAIN_NUMBER_RE.fullmatch(s) or re.fullmatch(r"\.\d+", s):
        return float(s)
    m = _CLOCK_RE.fullmatch(s)
    if m:
        h, mi, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if mi >= 60 or sec >= 60:
            raise CellValueError("時刻の分・秒が60以上です", v)
        return _hours_from_seconds((h * 60 + mi) * 60 + sec)
    m = _HOURS_UNIT_RE.fullmatch(s)
    if m:
        return float(m.group(1))
    m = _HM_UNIT_RE.fullmatch(s)
    if m:
        h, mi = int(m.group(1)), Decimal(m.group(2))
        if mi >= 60:
            raise CellValueError("分が60以上です", v)
        return _decimal_minutes_to_hours(h * 60 + mi)
    m = _HALF_RE.fullmatch(s)
    if m:
        return int(m.group(1)) + 0.5
    m = _MIN_UNIT_RE.fullmatch(s)
    if m:
        return _decimal_minutes_to_hours(Decimal(m.group(1)))
    raise CellValueError("時間として読めません", v)


def _decimal_minutes_to_hours(minutes: Decimal) -> float:
    if minutes == minutes.to_integral_value():
        return int(minutes) / 60
    return float(minutes / 60)


# --- dates ----------------------------------------------------------------------------

_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 61 = 1900-03-01 in the 1900 system
_EXCEL_EPOCH_1904 = _dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31
_MAX_SERIAL_1904 = 2957003

_WEEKDAY_RE = re.compile(r"\s*\(\s*(?:[月火水木金土日](?:曜日?)?|(?:mon|tue|wed|thu|fri|sat|sun)\.?)\s*\)\s*$", re.I)
_WEEKDAY_BARE_RE = re.compile(r"\s*[月火水木金土日]曜日?$")
_TIME_TAIL_RE = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YMD_RE = re.compile(r"(\d{4})\s*(?:[/\-.]|年)\s*(\d{1,2})\s*(?:[/\-.]|月)\s*(\d{1,2})\s*日?")
_YMD8_RE = re.compile(r"\d{8}")
_MD_RE = re.compile(r"(\d{1,2})\s*(?:[/\-.]|月)\s*(\d{1,2})\s*日?")
_D_RE = re.compile(r"(\d{1,2})\s*日?")
_ERA_START_RE = re.compile(r"(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\s*(?:元|\d)")
_MONTH_END_RE = re.compile(r"(.*\d)\s*月\s*末日?")


def _make_date(y: int, m: int, d: int, v: object) -> _dt.date:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        raise CellValueError(f"存在しない日付です ({y}-{m:02d}-{d:02d})", v) from None


def _from_serial(n: int, date1904: bool, v: object) -> _dt.date:
    if date1904:
        if not 0 <= n <= _MAX_SERIAL_1904:
            raise CellValueError("日付のシリアル値が範囲外です", v)
        return _EXCEL_EPOCH_1904 + _dt.timedelta(days=n)
    if not 1 <= n <= _MAX_SERIAL:
        raise CellValueError("日付のシリアル値が範囲外です", v)
    if n == 60:
        # Excel's fake 1900-02-29 (kept for Lotus 1-2-3 compatibility)
        raise CellValueError("存在しない日付です (1900-02-29)", v)
    if n < 60:
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=n)
    return _EXCEL_EPOCH + _dt.timedelta(days=n)


def parse_date(
    v: object, year: int | None = None, month: int | None = None, *, date1904: bool = False
) -> _dt.date | None:
    """A calendar date.

    Accepts datetime/date objects; Excel serial numbers (1900 system with its fake
    1900-02-29, or ``date1904``; a time part is dropped); 8-digit ``20261001``; text
    ``2026/10/01``, ``2026-10-01``, ``2026.10.1``, ``2026年10月1日``, ``2026/10/01 09:00``
    and the Japanese calendar (``R8.10.1``, ``令和元年5月1日``, ``㋿8.10.1``, see
    :func:`ledgerkit.parse.wareki.parse_wareki`); a month's last day ``2026年11月末``,
    ``令和8年11月末日``. With ``year``: ``10/1``, ``10月1日(木)``, ``11月末``.
    With ``year`` and ``month``: a day alone (``1``, ``1日``, ``1(水)`` or the number 1..31).

    Examples:
        >>> parse_date("2026/10/1"), parse_date(46296)
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 1))
        >>> parse_date("10月1日(木)", year=2026)
        datetime.date(2026, 10, 1)
        >>> parse_date("1(水)", 2026, 10)
        datetime.date(2026, 10, 1)
        >>> parse_date("令和8年2月末日"), parse_date("11月末", year=2026)
        (datetime.date(2026, 2, 28), datetime.date(2026, 11, 30))
        >>> parse_date("平成32年1月1日")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.normalize.CellValueError: 平成32年は存在しません (平成は31年まで; 2020年は令和2年)
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is _dt.date:
        return v
    if t is _dt.datetime:
        if v.year == 1899:
            # a time-of-day cell (serial < 1) under a date format
            raise CellValueError("日付の欄に時刻が入っています", v)
        return v.date()
    if t is int or t is float or (isinstance(v, (int, float, Decimal)) and t is not bool):
        return _date_from_number(v, year, month, date1904)
    if t is bool:
        raise CellValueError("日付として読めません (真偽値です)", v)
    if isinstance(v, _dt.datetime):
        return parse_date(_dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second))
    if isinstance(v, _dt.date):
        return _dt.date(v.year, v.month, v.day)
    if isinstance(v, (_dt.time, _dt.timedelta)):
        raise CellValueError("日付の欄に時刻が入っています", v)
    if not isinstance(v, str):
        raise CellValueError("日付として読めません", v)

    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None
    s = _TIME_TAIL_RE.sub("", s)
    s = _WEEKDAY_RE.sub("", s)
    s = _WEEKDAY_BARE_RE.sub("", s).strip()

    if _YMD8_RE.fullmatch(s):
        return _make_date(int(s[:4]), int(s[4:6]), int(s[6:]), v)
    m = _MONTH_END_RE.fullmatch(s)
    if m:
        # 11月末 / 2026年11月末 / 令和8年11月末日: the month's last day
        try:
            first = parse_date(m.group(1) + "月1日", year, month, date1904=date1904)
        except CellValueError as e:
            raise CellValueError(e.reason, v) from None
        return _dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    m = _YMD_RE.fullmatch(s)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), v)
    if _ERA_START_RE.match(s):
        try:
            return parse_wareki(s)
        except WarekiError as e:
            raise CellValueError(e.reason, v) from None
    m = _MD_RE.fullmatch(s)
    if m:
        if year is None:
            raise CellValueError("年がありません (シート名・タイトル・ファイル名に年月を入れてください)", v)
        return _make_date(year, int(m.group(1)), int(m.group(2)), v)
    m = _D_RE.fullmatch(s)
    if m:
        if year is None or month is None:
            raise CellValueError("日だけで年月がありません", v)
        return _make_date(year, month, int(m.group(1)), v)
    raise CellValueError("日付として読めません", v)


def _date_from_number(v, year, month, date1904) -> _dt.date:
    if isinstance(v, int):
        n = int(v)
    else:
        if isinstance(v, Decimal) and not v.is_finite():
            raise CellValueError("日付として読めません (数値ではありません)", v)
        x = float(v)
        if x != x or x in (math.inf, -math.inf):
            raise CellValueError("日付として読めません (数値ではありません)", v)
        n = math.floor(x)
        if n != x:  # a serial with a time of day: the date part
            return _from_serial(n, date1904, v)
    if 19000101 <= n <= 99991231:
        return _make_date(n // 10000, n // 100 % 100, n % 100, v)
    if year is not None and month is not None and 1 <= n <= 31:
        return _make_date(year, month, n, v)
    return _from_serial(n, date1904, v)


# --- amounts --------------------------------------------------------------------------

_MAX_AMOUNT = Decimal(10) ** 15  # 1,000兆円: anything larger is a misread, not money
_NOISE_Q = Decimal("0.000001")
_INT_RE = re.compile(r"-?\d{1,15}")  # below _MAX_AMOUNT
_BASIS_RE = re.compile(r"\(?(税込み?|内税|税抜き?|税別|外税)\)?")
_BASIS = {"税込": "incl", "税込み": "incl", "内税": "incl", "税抜": "excl", "税抜き": "excl", "税別": "excl", "外税": "excl"}
_NUM_PART = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_GROUP_RE = re.compile(rf"({_NUM_PART})([千百十])?([兆億万])?")
_SMALL = {None: 1, "十": 10, "百": 100, "千": 1000}
_BIG = {None: 1, "万": 10**4, "億": 10**8, "兆": 10**12}
_CURRENCY_PREFIXES = ("¥", "\\", "JPY", "金", "@")  # @500: a unit price
_CURRENCY_SUFFIXES = ("円", "JPY", "也")


def _clean_decimal(d: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros; others normalized; no -0."""
    if not d:
        return Decimal(0)
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _decimal_from_float(x: float, v: object) -> Decimal:
    if x != x or x in (math.inf, -math.inf):
        raise CellValueError("数値ではありません", v)
    if abs(x) >= 1e15:
        raise CellValueError("金額が大きすぎます", v)
    # repr gives the shortest string that round-trips; then drop float noise past 6 places
    d = Decimal(repr(float(x)))
    if d.as_tuple().exponent < -6:  # type: ignore[operator]
        d = d.quantize(_NOISE_Q)
    return _clean_decimal(d)


def parse_amount_with_basis(v: object) -> tuple[Decimal | None, str | None]:
    """An amount of money and the tax basis written beside it (``incl``/``excl``/None).

    Accepts numbers (float noise such as 1234.0000000001 cleaned to ≤ 6 decimals) and text:
    ``¥1,234``, ``￥１，２３４``, ``\\1,234``, ``1,234円``, ``1,234円(税込)``, ``(税抜)``,
    ``税別``, negatives ``△1,000``, ``▲1,000``, ``-1,000``, ``−1,000``, ``(1,000)``,
    ``（1,000）``, units ``1.5万円``, ``12万``, ``3千円``, ``2百万``, ``1億``,
    ``1億2,000万``; a ``※`` mark and a closing ``-`` (``¥10,000-``) are dropped.
    Blank, ``-`` and ``―`` → (None, None).

    Examples:
        >>> parse_amount_with_basis("1,234円(税込)")
        (Decimal('1234'), 'incl')
        >>> parse_amount_with_basis("1.5万円")
        (Decimal('15000'), None)
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None, None
    t = type(v)
    if t is int:
        if abs(v) >= _MAX_AMOUNT:
            raise CellValueError("金額が大きすぎます", v)
        return Decimal(v), None
    if t is float:
        return _decimal_from_float(v, v), None
    if t is bool:
        raise CellValueError("金額として読めません (真偽値です)", v)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("数値ではありません", v)
        if abs(v) >= _MAX_AMOUNT:
            raise CellValueError("金額が大きすぎます", v)
        return _clean_decimal(v), None
    if isinstance(v, int):
        return parse_amount_with_basis(int(v))
    if isinstance(v, float):
        return parse_amount_with_basis(float(v))
    if not isinstance(v, str):
        raise CellValueError("金額として読めません", v)
    if _INT_RE.fullmatch(v):  # fast path: '1234'
        return Decimal(v) if v.strip("-0") else Decimal(0), None
    return _parse_amount_text(v)


def _parse_amount_text(v: str) -> tuple[Decimal | None, str | None]:
    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None, None
    s = s.replace("※", "").replace(" ", "")
    if s in _PLACEHOLDERS:
        return None, None
    basis = None
    for m in _BASIS_RE.finditer(s):
        b = _BASIS[m.group(1)]
        if basis is not None and basis != b:
            raise CellValueError("税込と税抜が両方書かれています", v)
        basis = b
    if basis is not None:
        s = _BASIS_RE.sub("", s)

    negative = False
    changed = True
    while changed and s:
        changed = False
        for p in _CURRENCY_PREFIXES:
            if s.startswith(p):
                s, changed = s[len(p):], True
        for p in _CURRENCY_SUFFIXES:
            if s.endswith(p) and len(s) > len(p):
                s, changed = s[: -len(p)], True
        # a closing dash guards the figure on receipts (¥10,000- / ¥10,000.-): not a sign
        if len(s) > 1 and s[-1] == "-" and (s[-2].isdigit() or s[-2] == "円"):
            s, changed = s[:-1], True
        elif s.endswith(".-") and len(s) > 2:
            s, changed = s[:-2], True
        if s[:1] in ("-", "▲", "△") and len(s) > 1:
            if negative:
                raise CellValueError("負の記号が重複しています", v)
            s, negative, changed = s[1:], True, True
        elif s[:1] == "+" and len(s) > 1:
            s, changed = s[1:], True
        if s.startswith("(") and s.endswith(")") and len(s) > 2:
            if negative:
                raise CellValueError("負の記号が重複しています", v)
            s, negative, changed = s[1:-1], True, True
    if s == "-":  # '¥-': the accounting format's zero, typed as text
        return None, basis
    value = _parse_number_with_units(s)
    if value is None:
        raise CellValueError("金額として読めません", v)
    if abs(value) >= _MAX_AMOUNT:
        raise CellValueError("金額が大きすぎます", v)
    value = _clean_decimal(value)
    return (-value if negative and value else value), basis


def _parse_number_with_units(s: str) -> Decimal | None:
    if not s:
        return None
    pos, total, last_big = 0, Decimal(0), None
    n = len(s)
    while pos < n:
        m = _GROUP_RE.match(s, pos)
        if not m or m.end() == pos:
            return None
        big = m.group(3)
        if big is None and m.end() != n:
            return None  # a bare number must be last: '12万3,456' but not '12 3'
        if big is not None and last_big is not None and _BIG[big] >= _BIG[last_big]:
            return None  # units must go down: 1億2,000万, not 2万1億
        if big is None and last_big is not None and m.group(2) is None and "." in m.group(1):
            return None
        total += Decimal(m.group(1).replace(",", "")) * _SMALL[m.group(2)] * _BIG[big]
        last_big = big if big is not None else last_big
        pos = m.end()
    return total


def parse_amount(v: object) -> Decimal | None:
    """An amount of money as Decimal (see :func:`parse_amount_with_basis`).

    Examples:
        >>> parse_amount("￥１，２３４円"), parse_amount("(2,000)"), parse_amount("12万")
        (Decimal('1234'), Decimal('-2000'), Decimal('120000'))
        >>> parse_amount(0.1 + 0.2)
        Decimal('0.3')
    """
    return parse_amount_with_basis(v)[0]


# --- tax rates ------------------------------------------------------------------------

_RATE_CANON = {
    Decimal("0"): Decimal("0"),
    Decimal("0.03"): Decimal("0.03"),
    Decimal("0.05"): Decimal("0.05"),
    Decimal("0.08"): Decimal("0.08"),
    Decimal("0.1"): Decimal("0.10"),
}
_REDUCED_MARKS = ("軽減税率", "軽減", "※", "*", "軽")
_STANDARD_MARKS = ("標準税率", "標準")
_ZERO_WORDS = frozenset({"非課税", "不課税", "免税", "対象外", "課税対象外"})
_RATE_NUM_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(%)?")
_TAX_CATEGORY_RE = re.compile(r"^(?:課税|課対|共対|非対)?(?:仕入|売上)?(?:旧)?")
_ZERO_CATEGORY_RE = re.compile(r"(?:非課税?|不課税?|対象外|免税)(?:仕入|売上|取引)?")


def _canonical_rate(d: Decimal, percent: bool, v: object) -> Decimal:
    if percent or d >= 1:
        d = d / 100
    r = _RATE_CANON.get(d)
    if r is None:
        raise CellValueError("税率は 10%・8% (旧5%・3%)・0% のいずれかです", v)
    return r


def parse_rate(v: object) -> Decimal | None:
    """A consumption-tax rate as Decimal: ``Decimal('0.10')``, ``Decimal('0.08')``, ...

    Accepts ``10%``, ``１０％``, ``0.1``, ``0.10``, ``10`` (whole numbers are percent),
    ``8%``, ``0.08``, ``8``; ``軽減``, ``軽減税率``, ``※``, ``*`` → 0.08; ``標準`` → 0.10;
    ``非課税``/``不課税``/``免税`` → 0; accounting software's 税区分 ``課税仕入10%``,
    ``課対仕入8%(軽)``, ``旧8%``, ``非課仕入``. Only 0, 8% and 10% (and the historical 5%
    and 3%) are rates; anything else raises CellValueError.

    Examples:
        >>> parse_rate("１０％"), parse_rate(0.08), parse_rate("※")
        (Decimal('0.10'), Decimal('0.08'), Decimal('0.08'))
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is bool:
        raise CellValueError("税率として読めません (真偽値です)", v)
    if t is int or t is float or isinstance(v, (int, float, Decimal)):
        if isinstance(v, float):
            d = _decimal_from_float(v, v)
        elif isinstance(v, Decimal):
            if not v.is_finite():
                raise CellValueError("税率として読めません", v)
            d = v
        else:
            d = Decimal(int(v))
        if d < 0:
            raise CellValueError("税率が負です", v)
        return _canonical_rate(d, False, v)
    if not isinstance(v, str):
        raise CellValueError("税率として読めません", v)
    s = normalize_text(v).replace(" ", "")
    if s in _PLACEHOLDERS:
        return None
    # accounting software's 税区分: 課税仕入10%, 課対仕入8%(軽), 旧8%, 非課仕入, 対象外
    s = _TAX_CATEGORY_RE.sub("", s) or s
    if s in _ZERO_WORDS or _ZERO_CATEGORY_RE.fullmatch(s):
        return Decimal("0")
    mark = None
    for m in _REDUCED_MARKS:
        if m in s:
            s, mark = s.replace(m, ""), Decimal("0.08")
            break
    for m in _STANDARD_MARKS:
        if m in s:
            if mark is not None:
                raise CellValueError("軽減と標準が両方書かれています", v)
            s, mark = s.replace(m, ""), Decimal("0.10")
            break
    s = s.replace("税率", "").replace("対象", "").replace("(", "").replace(")", "").replace("消費税", "")
    if not s:
        if mark is None:
            raise CellValueError("税率として読めません", v)
        return mark
    m = _RATE_NUM_RE.fullmatch(s)
    if not m:
        raise CellValueError("税率として読めません", v)
    r = _canonical_rate(Decimal(m.group(1)), m.group(2) is not None, v)
    if mark is not None and r != mark:
        raise CellValueError(f"税率の表記が食い違っています ({normalize_text(v)})", v)
    return r


# --- codes ----------------------------------------------------------------------------


def parse_code(v: object) -> str | None:
    """A code (employee, project, vendor, account no.) as text.

    Text is kept as written after NFKC (leading zeros stay); a whole number stored as a
    float becomes digits (``123.0`` → ``'123'``, ``8.700110005901E12`` → ``'8700110005901'``).
    Dates and times raise CellValueError: Excel turned the code into a date.

    Examples:
        >>> parse_code(123.0), parse_code("００１２"), parse_code(" A-01 ")
        ('123', '0012', 'A-01')
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is str:
        s = normalize_text(v)
        return None if s in _PLACEHOLDERS else s
    if t is int:
        return str(v)
    if t is bool:
        raise CellValueError("コードとして読めません (真偽値です)", v)
    if isinstance(v, float):
        if v != v or v in (math.inf, -math.inf):
            raise CellValueError("コードとして読めません", v)
        if v == int(v):
            return str(int(v))
        return repr(float(v))
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("コードとして読めません", v)
        try:
            return str(_clean_decimal(v))
        except InvalidOperation:  # beyond the context precision: keep it as written
            return str(v)
    if isinstance(v, (_dt.date, _dt.time, _dt.timedelta)):
        raise CellValueError("コードが日付・時刻に変換されています (文字列で入力してください)", v)
    s = normalize_text(v)
    return None if s in _PLACEHOLDERS else s


# --- year and month in names and titles -------------------------------------------------

_YM_PATTERNS = [
    # 2026年10月, 2026年 10月分
    ("w", re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")),
    # 令和8年10月, 令和元年11月, R8年10月, R8.10, 令8.10. Of the one-letter forms only the
    # recent eras: '最大2.5' in a title is not 大正2年5月.
    (
        "e",
        re.compile(
            r"(?:(?<=[^A-Za-z])|^)(明治|大正|昭和|平成|令和|[平令]|[RHrh])\s*(元|\d{1,2})\s*(?:年|[.\-_/])\s*(\d{1,2})(?!\d)"
        ),
    ),
    # 2026-10, 2026_10, 2026.10, 2026/10 (not 2026-10-01's day part, not phone numbers)
    ("w", re.compile(r"(?<![\d\-.])(\d{4})[\-_./](\d{1,2})(?![\d])")),
    # 202610
    ("w", re.compile(r"(?<!\d)(\d{4})(\d{2})(?!\d)")),
]
_MONTH_ONLY_RE = re.compile(r"(?<![\d.\-/_年])(\d{1,2})\s*月")


def parse_year_month(text: object) -> tuple[int | None, int] | None:
    """The year and month named in a sheet name, a title or a file name.

    Returns ``(year, month)``, ``(None, month)`` when only a month is written (``10月``),
    or None when nothing plausible is there. Digits inside longer digit runs (phone
    numbers, 8-digit dates) are not read.

    Examples:
        >>> parse_year_month("工数_2026年10月_山田.xlsx")
        (2026, 10)
        >>> parse_year_month("R8.10"), parse_year_month("令和元年11月"), parse_year_month("10月")
        ((2026, 10), (2019, 11), (None, 10))
        >>> parse_year_month("TEL 03-1234-5678") is None
        True
    """
    s = normalize_text(text)
    if not s:
        return None
    for kind, rx in _YM_PATTERNS:
        for m in rx.finditer(s):
            if kind == "w":
                y, mo = int(m.group(1)), int(m.group(2))
                if not 1900 <= y <= 2200:
                    continue
            else:
                era = _ERA_BY_NAME[m.group(1)]
                ys = m.group(2)
                y = era.offset + (1 if ys == "元" else int(ys))
                mo = int(m.group(3))
                if ys != "元" and int(ys) == 0:
                    continue
                start = (era.start.year, era.start.month)
                end = (era.end.year, era.end.month) if era.end else (9999, 12)
                if not start <= (y, mo) <= end:
                    continue
            if 1 <= mo <= 12:
                return y, mo
    for m in _MONTH_ONLY_RE.finditer(s):
        mo = int(m.group(1))
        if 1 <= mo <= 12:
            return None, mo
    return None


# --- total labels ---------------------------------------------------------------------

_TOTAL_RE = re.compile(
    r"(?:月|年|週|日|総|総合|上期|下期|通期|半期|期間|部門|部|課|案件|小|中)?"
    r"(?:合計|小計|総計|累計|中計|計)"
    r"(?:時間|金額|工数|額|値)?"
    r"|(?:sub|grand)?totals?(?:hours|amount)?",
)
_BRACKETS = "()[]{}【】〔〕〈〉《》「」『』<>:・*#=-_■□●○◆◇▼▽★☆"
_BRACKET_STRIP = str.maketrans({c: None for c in _BRACKETS + " "})
_BRACKETED_RE = re.compile(r"[(\[【〔〈《「『<][^)\]】〕〉》」』>]*[)\]】〕〉》」』>]")


def is_total_label(v: object) -> bool:
    """True when the cell text IS a total label (合計, 小計, 総計, 計, 合　計, 【合計】, 月合計,
    合計時間, 総合計, 累計, Total, Sub Total, Grand Total), not text that merely contains 計
    (会計システム, 設計, 計画 are not totals).

    Examples:
        >>> is_total_label("合　計"), is_total_label("【合計】"), is_total_label("Sub Total:")
        (True, True, True)
        >>> is_total_label("会計システム"), is_total_label("設計"), is_total_label(123)
        (False, False, False)
    """
    if not isinstance(v, str) or not v:
        return False
    s = normalize_text(v)
    if not s or len(s) > 40:
        return False
    s = s.casefold()
    if _TOTAL_RE.fullmatch(s.translate(_BRACKET_STRIP)):
        return True
    # 小計(10%対象), 合計 (時間): a total label with a qualifier in brackets
    inner = _BRACKETED_RE.sub("", s)
    return inner != s and bool(_TOTAL_RE.fullmatch(inner.translate(_BRACKET_STRIP)))


# --- registration numbers (適格請求書発行事業者登録番号) ----------------------------------

_DASHES_RE = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff70\u2500\u2501]")
_REG_RE = re.compile(r"T[1-9][0-9]{12}")


def normalize_registration_no(v: object) -> str:
    """NFKC, upper case, no spaces, hyphens or dashes; invalid input is returned too.

    Examples:
        >>> normalize_registration_no("ｔ１-２３４５-６７８９-０１２３")
        'T1234567890123'
        >>> normalize_registration_no(8700110005901)
        '8700110005901'
    """
    if v is None:
        return ""
    if isinstance(v, float) and v == v and v not in (math.inf, -math.inf) and v == int(v):
        v = int(v)
    return _DASHES_RE.sub("", normalize_text(v)).upper()


def is_registration_no_format(s: object) -> bool:
    """True for ``T`` + 13 digits, the first 1–9 (DOMAIN §3.2).

    Examples:
        >>> is_registration_no_format("T8700110005901"), is_registration_no_format("T0700110005901")
        (True, False)
    """
    return isinstance(s, str) and _REG_RE.fullmatch(s) is not None


def corp_check_digit(base12: str) -> int:
    """The check digit (1–9) of a 13-digit corporate number from its 12-digit base.

    Examples:
        >>> corp_check_digit("700110005901")
        8
    """
    if not (isinstance(base12, str) and len(base12) == 12 and base12.isascii() and base12.isdigit()):
        raise ValueError(f"base must be 12 digits, got {base12!r}")
    s = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), 1))
    return 9 - s % 9


def registration_check_digit_ok(s: object) -> bool:
    """True when the 13 digits (after an optional ``T``) pass the corporate-number check.

    A sole proprietor's number may fail it (DOMAIN §3.4): treat False as a warning.

    Examples:
        >>> registration_check_digit_ok("T8700110005901"), registration_check_digit_ok("2835678256246")
        (True, False)
    """
    n = normalize_registration_no(s)
    if n.startswith("T"):
        n = n[1:]
    if len(n) != 13 or not n.isascii() or not n.isdigit() or n[0] == "0":
        return False
    return corp_check_digit(n[1:]) == int(n[0])


# --- company names --------------------------------------------------------------------

# (canonical legal form, spellings after NFKC). Longer spellings are tried first.
_LEGAL_FORMS: list[tuple[str, tuple[str, ...]]] = [
    ("株式会社", ("株式会社", "(株)", "カブシキガイシャ", "カブシキカイシャ", "(カ)")),
    ("有限会社", ("有限会社", "(有)", "ユウゲンガイシャ", "(ユ)")),
    ("合同会社", ("合同会社", "(同)", "ゴウドウガイシャ", "(ド)")),
    ("合資会社", ("合資会社", "(資)", "(シ)")),
    ("合名会社", ("合名会社", "(名)", "(メ)")),
    ("相互会社", ("相互会社", "(相)")),
    ("一般社団法人", ("一般社団法人", "(一社)")),
    ("公益社団法人", ("公益社団法人", "(公社)")),
    ("一般財団法人", ("一般財団法人", "(一財)")),
    ("公益財団法人", ("公益財団法人", "(公財)")),
    ("社団法人", ("社団法人", "(社)")),
    ("財団法人", ("財団法人", "(財)")),
    ("特定非営利活動法人", ("特定非営利活動法人", "NPO法人", "(特非)", "(NPO)")),
    ("医療法人社団", ("医療法人社団",)),
    ("医療法人財団", ("医療法人財団",)),
    ("医療法人", ("医療法人", "(医)")),
    ("学校法人", ("学校法人", "(学)")),
    ("社会福祉法人", ("社会福祉法人", "(福)")),
    ("宗教法人", ("宗教法人", "(宗)")),
    ("独立行政法人", ("独立行政法人", "(独)")),
    ("国立大学法人", ("国立大学法人",)),
    ("弁護士法人", ("弁護士法人", "(弁)")),
    ("税理士法人", ("税理士法人", "(税)")),
    ("司法書士法人", ("司法書士法人",)),
    ("行政書士法人", ("行政書士法人",)),
    ("社会保険労務士法人", ("社会保険労務士法人",)),
    ("監査法人", ("監査法人",)),
    ("協同組合", ("協同組合", "(協)")),
    ("有限責任事業組合", ("有限責任事業組合", "LLP")),
]
# Bank-transfer kana (DOMAIN §7): 株式会社 at the start 'カ)', at the end '(カ'.
_KANA_PREFIX = {"カ)": "株式会社", "ユ)": "有限会社", "ド)": "合同会社", "シ)": "合資会社", "メ)": "合名会社", "イ)": "医療法人"}
_KANA_SUFFIX = {"(カ": "株式会社", "(ユ": "有限会社", "(ド": "合同会社", "(シ": "合資会社", "(メ": "合名会社", "(イ": "医療法人"}
# English forms, at the end only, after a space or comma.
_ENGLISH_FORM_RE = re.compile(
    r"(?:^|[\s,]+)(co\.?,?\s*ltd\.?|company\s+limited|k\.\s?k\.?|kk|inc\.?|incorporated|corp\.?|corporation"
    r"|g\.\s?k\.?|llc|y\.\s?k\.?|ltd\.?|limited)$",
    re.I,
)

# How a company is addressed, not its name: 'アルファ株式会社 御中', '山田商店 様'
_HONORIFIC_RE = re.compile(r"(?:\s*御中|\s+(?:様|殿))$")

_FORM_SPELLINGS = sorted(
    ((sp, canon) for canon, sps in _LEGAL_FORMS for sp in sps), key=lambda p: -len(p[0])
)


def split_legal_form(name: object) -> tuple[str | None, str]:
    """Split a company name into (legal form, the rest), front or back.

    The legal form comes back in full (``株式会社``) whichever spelling was used
    (``(株)``, ``㈱``, ``㍿``, ``KK``, ``Co., Ltd.``, ``Inc.``, bank kana ``カ)``).
    A trailing ``御中`` (or `` 様``/`` 殿`` after a space) is how the company is addressed
    and is dropped.

    Examples:
        >>> split_legal_form("㈱アルファ")
        ('株式会社', 'アルファ')
        >>> split_legal_form("アルファ　株式会社")
        ('株式会社', 'アルファ')
        >>> split_legal_form("Alpha Co., Ltd.")
        ('株式会社', 'Alpha')
        >>> split_legal_form("山田商店")
        (None, '山田商店')
    """
    s = _HONORIFIC_RE.sub("", normalize_text(name))
    if not s:
        return None, ""
    for sp, canon in _FORM_SPELLINGS:
        if s.startswith(sp):
            core = s[len(sp):].strip(" ・,")
            if core:
                return canon, core
        if s.endswith(sp):
            core = s[: -len(sp)].strip(" ・,")
            if core:
                return canon, core
    for table, at_start in ((_KANA_PREFIX, True), (_KANA_SUFFIX, False)):
        for sp, canon in table.items():
            if (s.startswith(sp) if at_start else s.endswith(sp)) and len(s) > len(sp):
                core = (s[len(sp):] if at_start else s[: -len(sp)]).strip(" ・,")
                if core:
                    return canon, core
    m = _ENGLISH_FORM_RE.search(s)
    if m and m.start() > 0:
        word = m.group(1).lower()
        # G.K. and LLC are 合同会社, Y.K. is 有限会社; the rest are the English of 株式会社
        canon = "合同会社" if word[0] == "g" or word == "llc" else "有限会社" if word[0] == "y" else "株式会社"
        core = s[: m.start()].strip(" ・,")
        if core:
            return canon, core
    return None, s


_KEY_DROP = str.maketrans({" ": None, "・": None})


def vendor_key(name: object) -> str:
    """A key for matching vendor names: NFKC, legal form removed, no spaces or ``・``,
    case-folded.

    Examples:
        >>> {vendor_key(n) for n in ["株式会社アルファ", "(株)アルファ", "アルファ株式会社", "ｱﾙﾌｧ(株)", "アルファ　㈱"]}
        {'アルファ'}
        >>> vendor_key("Alpha Systems, Inc.")
        'alphasystems'
    """
    return split_legal_form(name)[1].translate(_KEY_DROP).casefold()
