"""The cell tests that decide whether a table holds hours (issue 13): SQL types, dates, hours,
project headers — properties over generated cells, and the definitions they must never miss."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ledgerkit.detect.definitions import detect_definition, is_sql_type
from ledgerkit.detect.evidence import looks_like_date, looks_like_hours
from ledgerkit.detect.project_columns import is_not_project_header
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError

dates = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
date_texts = dates.flatmap(lambda d: st.sampled_from([
    f"{d.year}/{d.month}/{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.month}/{d.day}",
    f"{d.year}年{d.month}月{d.day}日", f"{d.month}月{d.day}日"]))
hour_texts = st.tuples(st.integers(0, 23), st.integers(0, 59)).flatmap(lambda hm: st.sampled_from([
    f"{hm[0]}:{hm[1]:02d}", f"{hm[0]}.5", f"{hm[0]}時間{hm[1]}分", f"{hm[0]}h"]))
names = st.sampled_from(["山田 太郎", "佐藤", "John Smith", "設計", "A-1001", "基幹刷新", "保守", "日付", "工数", "時間"])
codes = st.from_regex(r"[A-Z]{1,3}-?\d{2,5}", fullmatch=True)


@given(st.one_of(date_texts, hour_texts, names, codes, st.floats(0, 24), dates))
def test_no_hours_sheet_cell_is_an_sql_type(value):
    assert not is_sql_type(value)


@given(st.sampled_from(["VARCHAR", "NVARCHAR", "CHAR", "NUMBER", "DECIMAL", "NUMERIC", "INT", "INTEGER"]),
       st.integers(1, 4000), st.integers(0, 10), st.booleans())
def test_every_written_sql_type_is_one(name, size, scale, with_scale):
    text = f"{name}({size},{scale})" if with_scale and name in ("DECIMAL", "NUMERIC", "NUMBER") else f"{name}({size})"
    assert is_sql_type(text) and is_sql_type(text.lower()) and is_sql_type(text.replace("(", " ("))


@given(st.lists(st.tuples(dates, names, codes, st.one_of(hour_texts, st.floats(0.25, 12))), min_size=1, max_size=30))
def test_no_hours_table_is_a_definition(entries):
    rows = [["日付", "氏名", "案件", "工数"], *[[d, n, c, h] for d, n, c, h in entries]]
    assert detect_definition(rows) is None


@given(st.one_of(hour_texts, st.floats(0, 24, allow_nan=False), st.text(max_size=8)))
def test_looks_like_hours_is_what_parse_hours_reads(value):
    try:
        parsed = parse_hours(value)
    except CellValueError:
        parsed = None
    assert looks_like_hours(value) == (parsed is not None)


@given(st.one_of(date_texts, dates))
def test_every_date_form_looks_like_a_date(value):
    assert looks_like_date(value)


@given(st.one_of(hour_texts.filter(lambda t: ":" in t or "時間" in t or t.endswith("h")), names.filter(
    lambda n: n not in ("日付", "工数", "時間"))))
def test_times_and_names_do_not_look_like_dates(value):
    assert not looks_like_date(value)


@given(codes)
def test_project_codes_are_project_headers(code):
    assert not is_not_project_header(code)


@given(st.sampled_from(["合計", "小計", "曜日", "備考", "作業内容", "出勤", "退勤", "休憩", "実働", "残業時間", "税率", "数量"]),
       st.sampled_from(["", " ", "　"]))
def test_what_names_something_else_is_no_project(word, space):
    assert is_not_project_header(space.join(word))
