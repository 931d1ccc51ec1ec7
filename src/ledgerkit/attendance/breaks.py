"""The break of a day on a sheet with no 休憩 column: none, or the customary break under 労基法34条.

A 勤務表 with 出勤 and 退勤 but no 休憩 column gives the span of the day, not the hours
worked. ``[attendance] default_break`` says what to take off it:

- ``none`` (the default): nothing; hours = end − start, and the sheet gets one warning
  that no break was found (a person must see that the hours may include lunch);
- ``statutory``: the break 労働基準法 第34条 calls for, worked out from the span
  (:func:`statutory_break`), listed as info.

A day whose hours are written in a 実働 / 勤務時間 column keeps them: the break only
matters where the hours come from the clock times.
"""

from __future__ import annotations

__all__ = ["BREAK_MODES", "statutory_break", "break_mode"]

#: the values of ``[attendance] default_break``
BREAK_MODES = ("none", "statutory")

# (span in minutes that must be exceeded, break in minutes), longest first
_STATUTORY = ((8 * 60, 60), (6 * 60, 45))


def statutory_break(span: int) -> int:
    """Minutes of break 労基法34条 calls for in a day of ``span`` minutes from start to end.

    The law: at least 45 minutes when the working time is **over** 6 hours, at least 60
    when it is **over** 8 hours. A sheet with no 休憩 column gives only the span from start
    to end, so the span is what is compared, and "over" is strictly more: a span of
    exactly 6:00 takes no break, 6:01 takes 45 minutes; exactly 8:00 takes 45 minutes,
    8:01 takes 60. (9:00–18:00 is then 8:00 worked, 9:00–17:00 is 7:15.)

    Examples:
        >>> [statutory_break(m) for m in (0, 360, 361, 480, 481, 540)]
        [0, 0, 45, 45, 60, 60]
    """
    for over, minutes in _STATUTORY:
        if span > over:
            return minutes
    return 0


def break_mode(config) -> str:
    """``[attendance] default_break`` of ``config`` (``none`` without a config).

    Examples:
        >>> break_mode(None)
        'none'
    """
    if config is None:
        return "none"
    mode = config.get("attendance.default_break", "none")
    return mode if mode in BREAK_MODES else "none"
