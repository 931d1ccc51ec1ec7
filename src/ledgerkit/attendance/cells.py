"""The cells of an attendance sheet: clock times, durations, days, names.

Each parser raises :class:`_CellError` for a cell it cannot read as what its column holds;
blank cells are None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from ledgerkit.intake.cells import is_empty
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import excel_duration
from ledgerkit.parse.months import add_months
from ledgerkit.parse.text import CellValueError

_OFF_WORDS = ("休", "欠勤", "有給", "有休", "代休", "振休", "特休", "公休", "祝", "off", "-", "－", "―", "ー", "/", "×", "✕")


class _CellError(ValueError):
    """A cell that cannot be read as what its column holds."""


def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _is_off(text: str) -> bool:
    t = text.replace(" ", "").lower()
    return any(t == w or (len(w) > 1 and t.startswith(w)) for w in _OFF_WORDS) or t.startswith("休")


#: words of a 備考 that mark a day of leave when no time is written (有給休暇, 代休, 夏季休暇, 欠勤 …);
#: 休 / 休日 / 祝 alone are the calendar's days off, not a person's leave, and stay unlisted
_LEAVE_WORDS = ("有給", "有休", "年休", "休暇", "代休", "振休", "特休", "欠勤", "慶弔", "忌引")


def _is_off_note(text: str) -> bool:
    """A note that says the day was a day of leave: ``有給``, ``夏季休暇``, ``代休（10/3出勤分）``, ``欠勤``.

    Examples:
        >>> [_is_off_note(t) for t in ("有給", "夏季休暇", "代休(10/3分)", "欠勤", "休日", "在宅", "客先作業")]
        [True, True, True, True, False, False, False]
    """
    t = text.replace(" ", "").lower()
    return any(w in t for w in _LEAVE_WORDS)


_CLOCK = re.compile(r"^(翌日?|next)?\s*(\d{1,2})\s*(?:[:時]\s*(\d{1,2})\s*分?)?\s*(?::\s*(\d{1,2}))?$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:h|時間|hr|hrs)?$")
_DURATION_HM = re.compile(r"^(\d+)\s*(?::|時間)\s*(\d{1,2})\s*(?:分)?(?::\s*(\d{1,2}))?$")
_DURATION_M = re.compile(r"^(\d+)\s*分$")


def _minutes_of_seconds(seconds: float) -> int:
    # Excel times are fractions of a day; the nearest whole minute is what the sheet shows
    return int((seconds + 30) // 60)


def parse_clock(value: Any) -> int | None:
    """A time of day as minutes after midnight: time cells, ``9:00``, ``9時30分``, ``翌2:00``.

    Decimal numbers below 1 are Excel day fractions (0.375 → 9:00); numbers from 1 to 47
    are hours (9.5 → 9:30). Blank → None. Times past midnight may be written 25:00 or 翌1:00.

    Examples:
        >>> parse_clock(dt.time(9, 30)), parse_clock("９：００"), parse_clock("18時15分")
        (570, 540, 1095)
        >>> parse_clock(0.375), parse_clock(9.5), parse_clock("9.5"), parse_clock("翌2:00"), parse_clock("")
        (540, 570, 570, 1560, None)
    """
    if value is None or is_empty(value):
        return None
    if isinstance(value, bool):
        raise _CellError("not a time")
    if isinstance(value, dt.datetime):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.timedelta):
        return _minutes_of_seconds(value.total_seconds())
    if isinstance(value, (int, float)):
        if 0 <= value < 1:
            return _minutes_of_seconds(value * 86400)
        if 1 <= value < 48:
            return _minutes_of_seconds(value * 3600)
        raise _CellError("not a time of day")
    text = _nfkc(value)
    if re.fullmatch(r"\d{1,2}\.\d+", text):
        return parse_clock(float(text))  # 9.5 written as text
    m = _CLOCK.match(text)
    if not m:
        raise _CellError("not a time of day")
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if minutes >= 60 or hours >= 48:
        raise _CellError("not a time of day")
    total = hours * 60 + minutes + (1 if int(m.group(4) or 0) >= 30 else 0)
    return total + (24 * 60 if m.group(1) else 0)


def parse_duration(value: Any) -> int | None:
    """A duration (break, worked hours, overtime) in minutes.

    Numbers are hours (7.5 → 450); time and duration cells are hours and minutes
    (running totals past 24 h arrive as durations); text ``7:30``, ``7.5``, ``7時間30分``,
    ``45分``. Blank → None.

    Examples:
        >>> parse_duration(7.5), parse_duration(dt.time(1, 0)), parse_duration(dt.timedelta(hours=25))
        (450, 60, 1500)
        >>> parse_duration("7:30"), parse_duration("７．５"), parse_duration("7時間30分"), parse_duration("45分")
        (450, 450, 450, 45)
    """
    if value is None or is_empty(value):
        return None
    if isinstance(value, bool):
        raise _CellError("not a duration")
    if isinstance(value, dt.timedelta):
        return _minutes_of_seconds(value.total_seconds())
    if isinstance(value, dt.datetime):
        # a duration past 24 h read as a date-time counted from Excel's day 0; serials 1 … 59
        # (under 1,440 h) come as 1900-01-01 … 1900-02-28, one day after Excel's fake 1900-02-29
        delta = excel_duration(value)
        if delta.days > 400:
            raise _CellError("a date, not a duration")
        return _minutes_of_seconds(delta.total_seconds())
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.date):
        raise _CellError("a date, not a duration")
    if isinstance(value, (int, float)):
        if value < 0:
            raise _CellError("negative")
        return _minutes_of_seconds(value * 3600)
    text = _nfkc(value).replace(" ", "").lower()
    for pattern in (_DURATION_HM,):
        m = pattern.match(text)
        if m:
            if int(m.group(2)) >= 60:
                raise _CellError("not a duration")
            return int(m.group(1)) * 60 + int(m.group(2)) + (1 if int(m.group(3) or 0) >= 30 else 0)
    m = _DURATION_M.match(text)
    if m:
        return int(m.group(1))
    m = _DURATION.match(text)
    if m:
        return _minutes_of_seconds(float(m.group(1)) * 3600)
    raise _CellError("not a duration")


#: a header whose unit in brackets is minutes: 休憩時間(分), 労働時間（min）
_MINUTES_UNIT = re.compile(r"[(\[](?:分|min|mins|minutes)[)\]]$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
#: a whole number written as text: 480, ４８０, 1,200 (commas only between groups of three digits)
_WHOLE_TEXT = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")


def _whole_text(value: Any) -> int | None:
    """The whole number a text cell holds (``1,200`` → 1200), else None; the one rule both
    :func:`minutes_by_values` and :func:`parse_duration_minutes` read text figures by."""
    text = _nfkc(value).replace(" ", "")
    return int(text.replace(",", "")) if _WHOLE_TEXT.match(text) else None


def minutes_header(label: str) -> bool:
    """Whether a header says its figures are minutes (ジョブカン's 休憩時間(分) | 労働時間(分)).

    Examples:
        >>> [minutes_header(h) for h in ("休憩時間(分)", "労働時間（min）", "休憩時間", "実働(h)")]
        [True, True, False, False]
    """
    return bool(_MINUTES_UNIT.search(_nfkc(label).replace(" ", "")))


def parse_duration_minutes(value: Any) -> int | None:
    """A duration under a header in minutes: a plain number is minutes (``480`` → 480,
    ``1,200`` → 1200 = 20:00); ``8:00``, ``8時間`` and time cells as :func:`parse_duration`.

    Examples:
        >>> parse_duration_minutes(60), parse_duration_minutes("４８０"), parse_duration_minutes("8:00")
        (60, 480, 480)
        >>> parse_duration_minutes("1,200")
        1200
    """
    if value is None or is_empty(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise _CellError("negative")
        return _minutes_of_seconds(value * 60)
    whole = _whole_text(value)
    if whole is not None:
        return whole
    text = _nfkc(value).replace(" ", "")
    if _PLAIN_NUMBER.match(text):
        return _minutes_of_seconds(float(text) * 60)
    return parse_duration(value)


def minutes_by_values(values: list[Any], *, sheet_in_minutes: bool = False) -> Any | None:
    """Whether a duration column with no unit in its header holds minutes, said by its figures:
    at least three whole numbers above zero whose median is over 24 (a day has no more hours;
    freee and ジョブカン export 労働時間 ``480`` and 休憩時間 ``60``). One figure over 24 among
    hours (a typo, ``75`` for ``7.5``) does not turn the column. With ``sheet_in_minutes`` (another
    duration column of the sheet holds minutes), whole numbers alone are enough (残業時間 ``0``, ``30``).
    Returns the first such figure (for the message), else None.

    Examples:
        >>> minutes_by_values([480, "465", 0, "", 510]), minutes_by_values([8, 7.5, 75, 8])
        (480, None)
        >>> minutes_by_values(["8:00", "60", "45"]), minutes_by_values([60, 45.5, 60])
        (None, None)
    """
    numbers = []
    for v in values:
        if isinstance(v, bool):
            return None
        if isinstance(v, (int, float)):
            if v != v:
                continue  # NaN: a blank cell
            if v < 0 or v in (float("inf"), float("-inf")):
                return None  # no duration is negative or endless (parse_duration_minutes rejects both)
            number = v
        elif isinstance(v, str) and not is_empty(v):
            number = _whole_text(v)
            if number is None:
                return None  # 8:00, 8時間: a column that says its unit cell by cell
        else:
            continue  # blank, or a time cell (hours and minutes in the cell itself)
        if number != int(number):
            return None
        if number:
            numbers.append((number, v))
    if sheet_in_minutes:
        return numbers[0][1] if numbers else None
    if len(numbers) < 3:
        return None
    ordered = sorted(n for n, _ in numbers)
    return numbers[0][1] if ordered[len(ordered) // 2] > 24 else None


_DAY_TEXT = re.compile(
    r"^(?:(\d{4})[/\-.年])?(?:(\d{1,2})[/\-.月])?(\d{1,2})日?\s*(?:[\(（]?\s*([月火水木金土日])(?:曜日?)?\s*[\)）]?)?$"
)
_WEEKDAY_JA = "月火水木金土日"


def parse_day(value: Any, year: int | None, month: int | None) -> tuple[dt.date | None, str | None]:
    """The date of a day cell and the weekday written beside it (``1(水)`` → 水).

    Examples:
        >>> parse_day("1(水)", 2026, 4), parse_day("15日", 2026, 4)[0], parse_day(3, 2026, 4)[0]
        ((datetime.date(2026, 4, 1), '水'), datetime.date(2026, 4, 15), datetime.date(2026, 4, 3))
        >>> parse_day("4/30（木）", 2026, None)
        (datetime.date(2026, 4, 30), '木')
    """
    if value is None or is_empty(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool):
        raise _CellError("not a day")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= value <= 31:
            return _make_date(year, month, int(value)), None
        if float(value).is_integer() and 20000 < value < 80000:
            # an Excel serial stored as a plain number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value)), None
        raise _CellError("not a day")
    text = _nfkc(value).replace(" ", "")
    m = _DAY_TEXT.match(text)
    if not m:
        return _wareki_day(text)
    y = int(m.group(1)) if m.group(1) else year
    mo = int(m.group(2)) if m.group(2) else month
    return _make_date(y, mo, int(m.group(3))), m.group(4)


# a weekday after a whole date: in brackets (木) / (木曜) or as 木曜 / 木曜日, never a bare 日
_WEEKDAY_SUFFIX = re.compile(r"(?:[\(（]([月火水木金土日])(?:曜日?)?[\)）]|([月火水木金土日])曜日?)$")


def _wareki_day(text: str) -> tuple[dt.date, str | None]:
    """A day written as a whole 和暦 date (``R8.10.1``, ``令和8年10月1日(木)``) and its weekday.

    Examples:
        >>> _wareki_day("R8.10.1"), _wareki_day("令和8年10月2日(金)")
        ((datetime.date(2026, 10, 1), None), (datetime.date(2026, 10, 2), '金'))
    """
    m = _WEEKDAY_SUFFIX.search(text)
    weekday, bare = (m.group(1) or m.group(2), text[: m.start()]) if m else (None, text)
    try:
        date = parse_date(bare)
    except CellValueError:
        raise _CellError("not a day") from None
    if date is None:
        raise _CellError("not a day")
    return date, weekday


def _period_wrap(rows: list[list[Any]], start: int, col: int, month: tuple[int, int] | None = None) -> int | None:
    """The row where the day numbers start again at 1 after 28 … 31 (a closing-day period), or None;
    with dates in the cells, the row where they turn into the sheet's ``month`` (year, month).

    Examples:
        >>> _period_wrap([[21], ["31(土)"], ["1(日)"], [2]], 0, 0), _period_wrap([[1], [2], [3]], 0, 0)
        (2, None)
        >>> _period_wrap([[dt.date(2026, 9, 30)], [dt.date(2026, 10, 1)]], 0, 0, (2026, 10)), _period_wrap([[dt.date(2026, 10, 8)], [dt.date(2026, 11, 1)]], 0, 0, (2026, 10))
        (1, None)
    """
    last = last_date = None
    for r in range(start, len(rows)):
        v = rows[r][col] if col < len(rows[r]) else ""
        day = None
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1 <= v <= 31:
            day = int(v)
        elif isinstance(v, dt.date):
            # 9/21 … 9/30, 10/1 … 10/20 written as dates: the month turns as the dates go on
            # (11/30 then 11/1 again is a list repeated, not a period)
            d = v.date() if isinstance(v, dt.datetime) else v
            if last_date is not None and d < last_date:
                return None
            if last_date is not None and (d.year, d.month) != (last_date.year, last_date.month):
                # the turn into the sheet's month (2026年10月度) from the month before it
                following = add_months(last_date.year, last_date.month, 1)
                return r if (d.year, d.month) == following == month else None
            last_date = d
            continue
        elif isinstance(v, str):
            m = _DAY_TEXT.match(_nfkc(v).replace(" ", ""))
            if m and not m.group(1) and not m.group(2):
                day = int(m.group(3))
        if day is None:
            continue
        if last is not None and day < last:
            return r if last >= 28 and day == 1 else None
        last = day
    return None


def _full_date(value: Any) -> dt.date | None:
    """A date written out in full as text (``2026/10/30``, ``2026-10-30``), else None.

    Examples:
        >>> _full_date("2026/10/30"), _full_date("30(金)"), _full_date(30)
        (datetime.date(2026, 10, 30), None, None)
    """
    if not isinstance(value, str):
        return None
    try:
        return parse_day(value, None, None)[0]
    except _CellError:
        return None


def _make_date(year: int | None, month: int | None, day: int) -> dt.date:
    if year is None or month is None:
        raise _CellError("no month")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _CellError("outside") from None


def _hm(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def split_person(text: str) -> tuple[str, str]:
    """(name, ID) from a 氏名 cell such as ``山田太郎 (123456789)`` or ``ID:A123 鈴木花子``.

    Examples:
        >>> split_person("山田　太郎（123456789）")
        ('山田 太郎', '123456789')
        >>> split_person("鈴木花子"), split_person("No.A-17 佐藤一郎")
        (('鈴木花子', ''), ('佐藤一郎', 'A-17'))
    """
    s = re.sub(r"\s+", " ", _nfkc(text)).strip()
    m = re.match(r"^(.*?)\s*[\(\[]\s*(?:id|no\.?|社員番号)?\s*[:.]?\s*([0-9A-Za-z][0-9A-Za-z\-]{1,})\s*[\)\]]$", s, re.I)
    if m and m.group(1):
        return m.group(1).strip(), m.group(2)
    m = re.match(r"^(?:id|no\.?|社員番号)?\s*[:.]?\s*([0-9][0-9\-]{2,}|[A-Za-z]+-?\d+)\s+(.+)$", s, re.I)
    if m:
        return m.group(2).strip(), m.group(1)
    m = re.match(r"^(.+?)\s+(?:id|no\.?)?[:.]?\s*(\d{3,})$", s, re.I)
    if m:
        return m.group(1).strip(), m.group(2)
    return s, ""


def person_key(name: str) -> str:
    """The form names are compared in: NFKC, no spaces, lower case.

    Examples:
        >>> person_key("山田　太郎") == person_key("山田太郎")
        True
    """
    return re.sub(r"\s+", "", _nfkc(name)).lower()


_SPAN_TEXT = re.compile(r"^(.+?)\s*[~〜\-―→]\s*(.+)$")


def _split_span(value: Any) -> tuple[int, int] | None:
    """``9:00～18:00`` written in one cell → (start, end) minutes; anything else → None.

    Examples:
        >>> _split_span("9:00～18:00"), _split_span("22:00-翌5:00"), _split_span("8:00")
        ((540, 1080), (1320, 1740), None)
    """
    if not isinstance(value, str):
        return None
    m = _SPAN_TEXT.match(_nfkc(value))
    if not m:
        return None
    try:
        start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
    except _CellError:
        return None
    return (start, end) if start is not None and end is not None else None


def _safe(fn, value):
    try:
        return fn(value)
    except _CellError:
        return None
