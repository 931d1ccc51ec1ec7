"""Third new-user trial: a declared 備品台帳 (yen field ``price``), 和暦 dates in a month field,
an int field's reason, and schedule's window (/work/tools/trial3/make_books.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerkit.parse.amounts import parse_int
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import CellValueError


def _texts(d: dt.date) -> list[str]:
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    out = [f"{d.year}年{d.month}月{d.day}日", f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日".translate(wide)]
    if d >= dt.date(2019, 5, 1):
        out += [f"令和{d.year - 2018}年{d.month}月{d.day}日", f"R{d.year - 2018}.{d.month}.{d.day}"]
    return out


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_any_date_the_date_parser_reads_the_month_parser_reads_to_its_month(d):
    for text in _texts(d):
        day = parse_date(text)
        assert parse_month(text) == (day.year, day.month), text


def test_trial_month_cells():
    assert parse_month("令和8年4月1日") == (2026, 4) and parse_month("R8.5.10") == (2026, 5)


def test_an_int_field_says_whole_number_not_amount():
    with pytest.raises(CellValueError) as err:
        parse_int("十")
    assert err.value.reason == "整数として読めません"


def test_a_declared_decimal_figure_changes_exactly_and_without_yen():
    # 研修 days 1.5 → 2.5: the change read +0 円 (a fraction was taken for blank, then cut to int)
    from ledgerkit.kinds.declared import kind_from_table
    from ledgerkit.ledger.changes import change_line, compare_rows

    spec = kind_from_table("training", {"key": "no", "fields": {
        "no": {"type": "code", "synonyms": ["番号"]}, "name": {"type": "text", "synonyms": ["研修名"]},
        "days": {"type": "decimal", "synonyms": ["日数"]}}})

    def row(days):
        return {"file": "t.xlsx", "person": None, "project": None, "month": "2026-10", "hours": None, "amount": None,
                "data": '{"days":"%s","name":"安全","no":"T-1"}' % days}

    [change] = compare_rows([row("1.5")], [row("2.5")], "training", spec).to_dict("records")
    assert change_line(change) == "T-1 2026-10: 安全 +1 (1.5 → 2.5)"
    [change] = compare_rows([row("2")], [row("2.25")], "training", spec).to_dict("records")
    assert change_line(change, "en") == "T-1 2026-10: 安全 +0.25 (2 → 2.25)"
