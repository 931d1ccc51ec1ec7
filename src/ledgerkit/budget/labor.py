"""Labor cost: hours × hourly rate as exact fractions, rounded once per person, project and month."""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ledgerkit.budget.columns import LABOR_COLUMNS
from ledgerkit.budget.rates import Rates
from ledgerkit.core import messages
from ledgerkit.core.errors import DataError
from ledgerkit.core.money import round_yen
from ledgerkit.parse.text import normalize_name

#: hours are added up as whole multiples of 1/9,000,000 h, a unit that holds both hours
#: written with up to 6 decimals (1/10^6) and whole seconds (1/3,600) exactly
_HOUR_UNITS = 9_000_000


@functools.lru_cache(maxsize=4096)
def _hour_units(h: float) -> int:
    """Hours in units of 1/9,000,000 h: as written up to 6 decimals (7.25), else in whole
    seconds (7:20 reaches us as 7.333… and is 26,400 s).

    Examples:
        >>> _hour_units(7.25) == 7.25 * 9_000_000, _hour_units(22 / 3) == 26_400 * 2_500
        (True, True)
    """
    d = Decimal(repr(float(h)))
    if d.as_tuple().exponent >= -6:  # type: ignore[operator]
        return int(d * _HOUR_UNITS)
    seconds = math.floor(float(h) * 3600 + 0.5)
    return seconds * (_HOUR_UNITS // 3600)


def _exact_hours(h: float) -> Fraction:
    """Hours as the exact value a person wrote (see :func:`_hour_units`).

    Examples:
        >>> _exact_hours(7.25), _exact_hours(22 / 3), _exact_hours(0.1)
        (Fraction(29, 4), Fraction(22, 3), Fraction(1, 10))
    """
    return Fraction(_hour_units(h), _HOUR_UNITS)


def labor_cost(hours_frame, rates: Rates, *, rounding: str = "half_up", lang: str = "ja"):
    """Labor cost per project, person and month (:data:`LABOR_COLUMNS`), in integer yen.

    Hours × hourly rate as exact fractions, rounded once per person-project-month.
    Raises :class:`~ledgerkit.core.errors.DataError` naming every person with hours and no rate.

    Examples:
        >>> import pandas as pd
        >>> hours = pd.DataFrame({"project": ["A", "A", "A"], "person": ["山田", "山田", "佐藤"],
        ...                       "month": ["2026-10"] * 3, "hours": [7.5, 22 / 3, 0.25]})
        >>> rates = Rates.from_mapping({"山田": "6,500円", "佐藤": 4001})
        >>> labor_cost(hours, rates)[["person", "hours", "labor_cost"]].to_dict("records")
        [{'person': '佐藤', 'hours': 0.25, 'labor_cost': 1000}, {'person': '山田', 'hours': 14.833333333333334, 'labor_cost': 96417}]
    """
    import pandas as pd

    # added up as integers (units of 1/9,000,000 h), then made a fraction once per key
    units: dict[tuple[str, str, str], int] = {}
    names: dict[Any, str] = {}
    columns = [hours_frame[c].tolist() for c in ("project", "person", "month", "hours")]
    for project, person, month, h in zip(*columns):
        if h is None or h != h:
            continue
        name = names.get(person)
        if name is None:
            name = names[person] = normalize_name(person)
        key = (project, name, month)
        units[key] = units.get(key, 0) + _hour_units(h)
    # the rate of each person in each month, looked up once
    by_person_month: dict[tuple[str, str], int] = {}
    for (_, person, month), u in units.items():
        by_person_month[(person, month)] = by_person_month.get((person, month), 0) + u
    entries = {pm: rates.entry(*pm) for pm in by_person_month}
    missing: dict[str, tuple[int, str]] = {}  # person -> (hour units, first month without a rate)
    for (person, month), u in by_person_month.items():
        if u and entries[(person, month)] is None:
            old, first = missing.get(person, (0, month))
            missing[person] = (old + u, min(first, month))
    if missing:
        names_text = ", ".join(f"{p or '(no name)'} ({u / _HOUR_UNITS:g}h, {rates.why_missing(p, m, lang)})"
                               for p, (u, m) in sorted(missing.items()))
        raise DataError(messages.text("rate_missing", lang, names=names_text, count=len(missing)))
    hourly = {pm: rates.hourly(e) for pm, e in entries.items()}
    records = []
    for (project, person, month), u in sorted(units.items()):
        e = entries[(person, month)]
        cost = round_yen(Fraction(u, _HOUR_UNITS) * hourly[(person, month)], rounding)
        records.append({"project": project, "person": person, "month": month, "hours": u / _HOUR_UNITS,
                        "rate": e.rate, "rate_basis": e.basis, "labor_cost": cost})
    frame = pd.DataFrame.from_records(records, columns=LABOR_COLUMNS)
    frame["labor_cost"] = frame["labor_cost"].astype("Int64")
    frame["hours"] = frame["hours"].astype("float64")
    return frame
