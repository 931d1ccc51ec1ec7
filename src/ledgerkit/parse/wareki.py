"""The Japanese calendar (和暦): era table, formatting and parsing.

The table follows JIS X 0301:2019 amendment 1 (DOMAIN §5.1): the changeover day belongs
to the *new* era (2019-05-01 is 令和元年5月1日, 1989-01-08 is 平成元年1月8日). Japan used a
lunisolar calendar until 明治5年12月2日; Gregorian dates start on 明治6年1月1日 =
1873-01-01, so earlier dates are refused in both directions rather than converted wrongly.

Libraries disagree on the start of Meiji (``japanera`` uses 1868-01-23), so ledgerkit keeps
its own table here.

Examples:
    >>> import datetime
    >>> to_wareki(datetime.date(2026, 10, 1))
    '令和8年10月1日'
    >>> parse_wareki("R08.10.01")
    datetime.date(2026, 10, 1)
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Era",
    "ERAS",
    "GREGORIAN_START",
    "WarekiError",
    "era_for",
    "era_named",
    "to_wareki",
    "parse_wareki",
    "parse_era_year",
]


class WarekiError(ValueError):
    """A Japanese-calendar date that does not exist or cannot be read.

    ``reason`` is the short text shown to a person (``ledgerkit.parse.dates.parse_date`` passes it on
    in its ``CellValueError``).
    """

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Era:
    """One era: names, first and last day (inclusive; ``None`` = current era)."""

    name: str  #: 令和
    letter: str  #: R
    abbr: str  #: 令 (one-kanji abbreviation)
    start: _dt.date
    end: _dt.date | None

    @property
    def offset(self) -> int:
        """Gregorian year = era year + offset."""
        return self.start.year - 1

    def contains(self, d: _dt.date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


#: JIS X 0301:2019 amendment 1, oldest first
ERAS: tuple[Era, ...] = (
    Era("明治", "M", "明", _dt.date(1868, 1, 25), _dt.date(1912, 7, 29)),
    Era("大正", "T", "大", _dt.date(1912, 7, 30), _dt.date(1926, 12, 24)),
    Era("昭和", "S", "昭", _dt.date(1926, 12, 25), _dt.date(1989, 1, 7)),
    Era("平成", "H", "平", _dt.date(1989, 1, 8), _dt.date(2019, 4, 30)),
    Era("令和", "R", "令", _dt.date(2019, 5, 1), None),
)

#: the first Gregorian day in Japan (明治6年1月1日); earlier dates are lunisolar
GREGORIAN_START = _dt.date(1873, 1, 1)

_BY_NAME: dict[str, Era] = {}
for _era in ERAS:
    for _key in (_era.name, _era.abbr, _era.letter, _era.letter.lower()):
        _BY_NAME[_key] = _era

_ERA_ALT = "明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr]"
_NUM = r"(元|\d{1,2})"
# 令和8年10月1日, R8.10.1, R08.10.01, r8/10/1, 令8.10.1, H31-4-30 (spaces allowed between parts)
_WAREKI_RE = re.compile(
    rf"^(?P<era>{_ERA_ALT})\s*(?P<y>元|\d{{1,2}})\s*(?:年|[./\-])\s*"
    r"(?P<m>\d{1,2})\s*(?:月|[./\-])\s*(?P<d>\d{1,2})\s*日?$"
)
# 令和8年, R8, H31年 (year only, for parse_era_year)
_ERA_YEAR_RE = re.compile(rf"^(?P<era>{_ERA_ALT})\s*{_NUM}\s*年?$")


def era_named(name: str) -> Era:
    """The era a name, one-kanji abbreviation or letter stands for (``令和``, ``令``, ``R``, ``r``).

    Raises KeyError for anything else.

    Examples:
        >>> era_named("平成").offset, era_named("r").name
        (1988, '令和')
    """
    return _BY_NAME[name]


def era_for(d: _dt.date) -> Era:
    """The era a Gregorian date falls in (JIS: the changeover day is the new era's).

    Raises WarekiError for dates before 1873-01-01 (lunisolar calendar in Japan).

    Examples:
        >>> import datetime
        >>> era_for(datetime.date(2019, 4, 30)).name, era_for(datetime.date(2019, 5, 1)).name
        ('平成', '令和')
    """
    if isinstance(d, _dt.datetime):
        d = d.date()
    if d < GREGORIAN_START:
        raise WarekiError(
            f"{d.isoformat()} は明治6年(1873年)の改暦より前のため和暦に換算できません"
        )
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise AssertionError("unreachable")  # pragma: no cover


def to_wareki(d: _dt.date, style: str = "kanji") -> str:
    """Format a date in the Japanese calendar.

    Styles: ``kanji`` → 令和8年10月1日 (元年 for year 1), ``short`` → R8.10.1,
    ``jis`` → R08.10.01 (JIS X 0301), ``abbr`` → 令8.10.1.

    Examples:
        >>> import datetime
        >>> to_wareki(datetime.date(2019, 5, 1))
        '令和元年5月1日'
        >>> to_wareki(datetime.date(1989, 1, 7), "short")
        'S64.1.7'
        >>> to_wareki(datetime.date(2026, 10, 1), "jis")
        'R08.10.01'
    """
    era = era_for(d)
    y = d.year - era.offset
    if style == "kanji":
        ys = "元" if y == 1 else str(y)
        return f"{era.name}{ys}年{d.month}月{d.day}日"
    if style == "short":
        return f"{era.letter}{y}.{d.month}.{d.day}"
    if style == "jis":
        return f"{era.letter}{y:02d}.{d.month:02d}.{d.day:02d}"
    if style == "abbr":
        return f"{era.abbr}{y}.{d.month}.{d.day}"
    raise ValueError(f"unknown wareki style {style!r} (use kanji, short, jis or abbr)")


def _check_era_year(era: Era, year: int) -> int:
    """Gregorian year for ``era`` year ``year``, or WarekiError naming the right era."""
    if year < 1:
        raise WarekiError(f"{era.name}{year}年は存在しません ({era.name}は元年から)")
    greg = year + era.offset
    if era.end is not None and greg > era.end.year:
        right = era_for(_dt.date(greg, 1, 1))
        ry = greg - right.offset
        last = era.end.year - era.offset
        raise WarekiError(
            f"{era.name}{year}年は存在しません ({era.name}は{last}年まで; "
            f"{greg}年は{right.name}{'元' if ry == 1 else ry}年)"
        )
    return greg


def parse_era_year(text: str) -> int:
    """The Gregorian year of an era year such as ``令和8年``, ``R8``, ``平成元年``.

    Examples:
        >>> parse_era_year("令和元年"), parse_era_year("H31")
        (2019, 2019)
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _ERA_YEAR_RE.match(s)
    if not m:
        raise WarekiError("和暦の年として読めません")
    era = _BY_NAME[m.group("era")]
    ys = m.group(2)
    return _check_era_year(era, 1 if ys == "元" else int(ys))


def parse_wareki(text: str) -> _dt.date:
    """A date written in the Japanese calendar.

    Accepts ``令和8年10月1日``, ``令和元年5月1日``, ``R8.10.1``, ``R08.10.01``, ``r8/10/1``,
    ``令8.10.1``, ``H31.4.30``, ``㋿8.10.1``. A date outside its era (``令和元年4月30日``,
    ``平成31年5月1日``, ``平成32年1月1日``) raises WarekiError naming the right era.

    Examples:
        >>> parse_wareki("令和元年5月1日")
        datetime.date(2019, 5, 1)
        >>> parse_wareki("平成32年1月1日")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.wareki.WarekiError: 平成32年は存在しません (平成は31年まで; 2020年は令和2年)
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _WAREKI_RE.match(s)
    if not m:
        raise WarekiError("和暦の日付として読めません")
    era = _BY_NAME[m.group("era")]
    ys = m.group("y")
    year = 1 if ys == "元" else int(ys)
    greg = _check_era_year(era, year)
    try:
        d = _dt.date(greg, int(m.group("m")), int(m.group("d")))
    except ValueError:
        raise WarekiError(f"存在しない日付です ({s})") from None
    if d < GREGORIAN_START:
        raise WarekiError(f"{s} は明治6年の改暦より前の旧暦の日付のため換算できません")
    if not era.contains(d):
        raise WarekiError(
            f"{s} は{era.name}ではありません ({d.isoformat()} = {to_wareki(d)})"
        )
    return d
