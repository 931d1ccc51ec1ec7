"""Tests for the cell parsers of ledgerkit.parse (text, hours, dates, amounts, codes, periods, names): DOMAIN §3.3, §5.1, §6.1 and §7 vectors plus properties."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.parse.amounts import parse_amount, parse_amount_with_basis, parse_rate
from ledgerkit.parse.codes import (
    corp_check_digit,
    is_registration_no_format,
    normalize_registration_no,
    parse_code,
    registration_check_digit_ok,
)
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.names import split_legal_form, vendor_key
from ledgerkit.parse.periods import parse_year_month
from ledgerkit.parse.text import CellValueError, is_blank, is_total_label, normalize_name, normalize_text
from ledgerkit.parse.wareki import to_wareki

D = Decimal


# --- text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("　ＡＢＣ　１２３ ", "ABC 123"),
        ("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ"),
        ("（株）", "(株)"),
        ("㍿", "株式会社"),
        ("￥", "¥"),
        ("\u2212100", "-100"),
        ("\u2010\u2011\u2012\u2013\ufe63\uff0d", "------"),
        ("コーヒー", "コーヒー"),
        ("a \t\n b", "a b"),
        ("\u200bx\ufeff", "x"),
        (None, ""),
        (float("nan"), ""),
        (12, "12"),
    ],
)
def test_normalize_text(value, expected):
    assert normalize_text(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("山田　太郎", "山田太郎"),
        (" 山田 太郎 ", "山田太郎"),
        ("John  Smith", "John Smith"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"),
        ("髙﨑　花子", "髙﨑花子"),
        ("山田 John", "山田 John"),
    ],
)
def test_normalize_name(value, expected):
    assert normalize_name(value) == expected


def test_is_blank():
    assert is_blank(None) and is_blank("") and is_blank("　") and is_blank("―") and is_blank(math.nan)
    assert not is_blank(0) and not is_blank("0") and not is_blank("x")


# --- hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (7.5, 7.5),
        (8, 8.0),
        (0.5, 0.5),  # a plain number is hours, never days
        (dt.time(7, 30), 7.5),
        (dt.time(7, 19, 59, 999_999), 440 / 60),  # Excel binary-fraction noise
        (dt.timedelta(hours=37, minutes=30), 37.5),
        (dt.datetime(1899, 12, 30, 7, 30), 7.5),
        (dt.datetime(1899, 12, 31, 7, 30), 7.5),
        (dt.datetime(1900, 1, 1, 13, 30), 37.5),  # 37:30 under "h:mm": the stored serial 1.5625
        ("7.5", 7.5),
        ("７．５", 7.5),
        ("7.5h", 7.5),
        ("7.5H", 7.5),
        ("7.5時間", 7.5),
        ("7時間30分", 7.5),
        ("7時間半", 7.5),
        ("7h30m", 7.5),
        ("30分", 0.5),
        ("7:30", 7.5),
        ("7:30:00", 7.5),
        ("37:30", 37.5),
        ("7:20", 440 / 60),
        ("0:01", 1 / 60),
        (Decimal("7.25"), 7.25),
    ],
)
def test_parse_hours(value, expected):
    assert parse_hours(value) == expected


@pytest.mark.parametrize("value", [None, "", " ", "-", "―", "—"])
def test_parse_hours_blank(value):
    assert parse_hours(value) is None


@pytest.mark.parametrize(
    "value, reason",
    [
        (-1, "負の時間です"),
        ("-7:30", "負の時間です"),
        (dt.timedelta(hours=-1), "負の時間です"),
        (math.nan, "時間として読めません (数値ではありません)"),
        (math.inf, "時間として読めません (数値ではありません)"),
        ("abc", "時間として読めません"),
        ("7:75", "時刻の分・秒が60以上です"),
        ("7時間75分", "分が60以上です"),
        (True, "時間として読めません (真偽値です)"),
        (dt.datetime(2026, 10, 1), "時間の欄に日付が入っています"),
        (dt.datetime(1900, 3, 1), "時間の欄に日付が入っています"),
        (dt.date(2026, 10, 1), "時間の欄に日付が入っています"),
        ("7.5人日", "時間として読めません"),
    ],
)
def test_parse_hours_errors(value, reason):
    with pytest.raises(CellValueError) as e:
        parse_hours(value)
    assert e.value.reason == reason


@given(st.integers(min_value=0, max_value=200 * 60))
@settings(max_examples=200)
def test_hours_hmm_roundtrip_exact_to_the_minute(minutes):
    h, m = divmod(minutes, 60)
    assert parse_hours(f"{h}:{m:02d}") == minutes / 60
    assert parse_hours(f"{h}時間{m}分") == minutes / 60
    assert parse_hours(dt.timedelta(minutes=minutes)) == minutes / 60


# --- dates ----------------------------------------------------------------------------

OCT1 = dt.date(2026, 10, 1)


@pytest.mark.parametrize(
    "value",
    [
        OCT1,
        dt.datetime(2026, 10, 1, 9, 0),
        46296,
        46296.75,
        20261001,
        "20261001",
        "2026/10/01",
        "2026/10/1",
        "2026-10-01",
        "2026.10.1",
        "2026年10月1日",
        "２０２６年１０月１日",
        "R8.10.1",
        "R08.10.01",
        "r8/10/1",
        "令和8年10月1日",
        "令8.10.1",
        "令08.10.01",
        "㋿8.10.1",
        "2026/10/01 09:00",
        "2026-10-01T09:00:00",
        "2026/10/1(木)",
    ],
)
def test_parse_date_full(value):
    assert parse_date(value) == OCT1


@pytest.mark.parametrize("value", ["10/1", "10月1日", "10月1日(木)", "10/1(木)", "10月1日（木曜日）"])
def test_parse_date_with_year(value):
    assert parse_date(value, year=2026) == OCT1


@pytest.mark.parametrize("value", ["1", "1日", "1(水)", "1（月）", 1, 1.0])
def test_parse_date_day_only(value):
    assert parse_date(value, 2026, 10) == OCT1


@pytest.mark.parametrize(
    "value, expected",
    [
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("S64.1.7", dt.date(1989, 1, 7)),
        ("H1.1.8", dt.date(1989, 1, 8)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (2958465, dt.date(9999, 12, 31)),
    ],
)
def test_parse_date_vectors(value, expected):
    assert parse_date(value) == expected


def test_parse_date_1904():
    assert parse_date(0, date1904=True) == dt.date(1904, 1, 1)
    assert parse_date(46296 - 1462, date1904=True) == OCT1


@pytest.mark.parametrize("value", [None, "", "-", "―", "　"])
def test_parse_date_blank(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value, kwargs, reason",
    [
        ("令和0年1月1日", {}, "令和0年は存在しません (令和は元年から)"),
        ("平成32年1月1日", {}, "平成32年は存在しません (平成は31年まで; 2020年は令和2年)"),
        ("平成31年5月1日", {}, "平成31年5月1日 は平成ではありません (2019-05-01 = 令和元年5月1日)"),
        ("令和元年4月30日", {}, "令和元年4月30日 は令和ではありません (2019-04-30 = 平成31年4月30日)"),
        ("2026/2/30", {}, "存在しない日付です (2026-02-30)"),
        (60, {}, "存在しない日付です (1900-02-29)"),
        (0, {}, "日付のシリアル値が範囲外です"),
        (2958466, {}, "日付のシリアル値が範囲外です"),
        (-5, {}, "日付のシリアル値が範囲外です"),
        ("10/1", {}, "年がありません (シート名・タイトル・ファイル名に年月を入れてください)"),
        ("1", {"year": 2026}, "日だけで年月がありません"),
        ("32", {"year": 2026, "month": 10}, "存在しない日付です (2026-10-32)"),
        ("M5.12.2", {}, "M5.12.2 は明治6年の改暦より前の旧暦の日付のため換算できません"),
        ("next week", {}, "日付として読めません"),
        (dt.time(9, 0), {}, "日付の欄に時刻が入っています"),
        (dt.datetime(1899, 12, 30, 9, 0), {}, "日付の欄に時刻が入っています"),
        (True, {}, "日付として読めません (真偽値です)"),
        (math.nan, {}, "日付として読めません (数値ではありません)"),
    ],
)
def test_parse_date_errors(value, kwargs, reason):
    with pytest.raises(CellValueError) as e:
        parse_date(value, **kwargs)
    assert e.value.reason == reason


@given(st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date(2100, 12, 31)))
@settings(max_examples=200)
def test_wareki_roundtrip_through_parse_date(d):
    for style in ("kanji", "short", "jis", "abbr"):
        assert parse_date(to_wareki(d, style)) == d


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
@settings(max_examples=200)
def test_serial_and_text_roundtrip(d):
    serial = (d - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == d
    assert parse_date(serial + 0.999) == d
    assert parse_date(d.strftime("%Y/%m/%d")) == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(int(d.strftime("%Y%m%d"))) == d


# --- amounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected, basis",
    [
        # DOMAIN §7 test vectors
        ("￥１，２３４円", D(1234), None),
        ("▲1,000", D(-1000), None),
        ("△500", D(-500), None),
        ("(2,000)", D(-2000), None),
        ("1,234円(税込)", D(1234), "incl"),
        ("12万", D(120000), None),
        # the task's list
        (1234, D(1234), None),
        (1234.0000000001, D(1234), None),
        (0.1 + 0.2, D("0.3"), None),
        (3571.43, D("3571.43"), None),
        ("¥1,234", D(1234), None),
        ("\\1,234", D(1234), None),
        ("1,234円", D(1234), None),
        ("1,000円(税抜)", D(1000), "excl"),
        ("1,000円 (税込み)", D(1000), "incl"),
        ("税別1,000", D(1000), "excl"),
        ("-1,000", D(-1000), None),
        ("−1,000", D(-1000), None),
        ("-¥1,000", D(-1000), None),
        ("¥-1,000", D(-1000), None),
        ("（1,000）", D(-1000), None),
        ("(1,000)円", D(-1000), None),
        ("1.5万円", D(15000), None),
        ("3千円", D(3000), None),
        ("2百万", D(2000000), None),
        ("3千万円", D(30000000), None),
        ("1億", D(100000000), None),
        ("1億2,000万", D(120000000), None),
        ("12万3,456円", D(123456), None),
        ("※1,234", D(1234), None),
        ("1,234※", D(1234), None),
        ("¥10,000-", D(10000), None),  # the closing dash on receipts is not a sign
        ("¥10,000.-", D(10000), None),
        ("金1,480,000円也", D(1480000), None),
        ("1,234.50", D("1234.5"), None),
        ("0円", D(0), None),
        ("-0", D(0), None),
        (-0.0, D(0), None),
        (D("1234.500"), D("1234.5"), None),
    ],
)
def test_parse_amount(value, expected, basis):
    got, got_basis = parse_amount_with_basis(value)
    assert got == expected and got_basis == basis
    assert str(got) == str(expected)  # no exponent, no trailing zeros, no -0
    assert parse_amount(value) == expected


@pytest.mark.parametrize("value", [None, "", "-", "―", "—", " ", "※", "¥-"])
def test_parse_amount_blank(value):
    assert parse_amount_with_basis(value) == (None, None)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("abc", "金額として読めません"),
        ("1,23", "金額として読めません"),
        ("1.2.3", "金額として読めません"),
        ("1e5", "金額として読めません"),
        ("2万1億", "金額として読めません"),
        ("--1", "負の記号が重複しています"),
        ("△(1,000)", "負の記号が重複しています"),
        ("1,000円(税込)(税抜)", "税込と税抜が両方書かれています"),
        (math.nan, "数値ではありません"),
        (math.inf, "数値ではありません"),
        (1e20, "金額が大きすぎます"),
        ("1兆兆", "金額として読めません"),
        ("99999兆", "金額が大きすぎます"),
        ("1000000000000000", "金額が大きすぎます"),
        (True, "金額として読めません (真偽値です)"),
        (dt.date(2026, 1, 1), "金額として読めません"),
    ],
)
def test_parse_amount_errors(value, reason):
    with pytest.raises(CellValueError) as e:
        parse_amount(value)
    assert e.value.reason == reason


@given(st.integers(min_value=-(10**14), max_value=10**14))
@settings(max_examples=200)
def test_amount_text_roundtrip(n):
    from ledgerkit.core.money import format_comma, format_yen

    assert parse_amount(format_comma(n)) == n
    assert parse_amount(format_yen(n)) == n
    assert parse_amount(format_yen(n, "suffix")) == n
    assert parse_amount(str(n)) == n
    assert parse_amount(float(n)) == n


# --- rates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10%", "0.10"),
        ("１０％", "0.10"),
        ("0.1", "0.10"),
        ("0.10", "0.10"),
        ("8%", "0.08"),
        ("0.08", "0.08"),
        ("10", "0.10"),
        ("8", "0.08"),
        (10, "0.10"),
        (0.1, "0.10"),
        (0.08, "0.08"),
        (D("0.10"), "0.10"),
        ("軽減", "0.08"),
        ("軽減税率", "0.08"),
        ("※", "0.08"),
        ("*", "0.08"),
        ("8%(軽減)", "0.08"),
        ("※8%", "0.08"),
        ("標準", "0.10"),
        ("標準税率10%", "0.10"),
        ("0%", "0"),
        (0, "0"),
        ("非課税", "0"),
        ("5%", "0.05"),
        ("3%", "0.03"),
    ],
)
def test_parse_rate(value, expected):
    got = parse_rate(value)
    assert str(got) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("7%", "税率は 10%・8% (旧5%・3%)・0% のいずれかです"),
        (0.11, "税率は 10%・8% (旧5%・3%)・0% のいずれかです"),
        ("軽減10%", "税率の表記が食い違っています (軽減10%)"),
        ("軽減標準", "軽減と標準が両方書かれています"),
        ("abc", "税率として読めません"),
        (-8, "税率が負です"),
        (True, "税率として読めません (真偽値です)"),
    ],
)
def test_parse_rate_errors(value, reason):
    with pytest.raises(CellValueError) as e:
        parse_rate(value)
    assert e.value.reason == reason


def test_parse_rate_blank():
    assert parse_rate("") is None and parse_rate(None) is None and parse_rate("-") is None


# --- codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (123.0, "123"),
        (123, "123"),
        ("00123", "00123"),
        ("１２３", "123"),
        (" A-01 ", "A-01"),
        (8700110005901.0, "8700110005901"),
        (D("12.0"), "12"),
        ("", None),
        (None, None),
        ("-", None),
    ],
)
def test_parse_code(value, expected):
    assert parse_code(value) == expected


def test_parse_code_date_is_an_error():
    with pytest.raises(CellValueError, match="日付"):
        parse_code(dt.datetime(2026, 1, 2))


# --- year and month -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026年10月", (2026, 10)),
        ("2026年10月分", (2026, 10)),
        ("２０２６年１０月", (2026, 10)),
        ("2026-10", (2026, 10)),
        ("2026_10", (2026, 10)),
        ("2026.10", (2026, 10)),
        ("202610", (2026, 10)),
        ("R8.10", (2026, 10)),
        ("R8年10月", (2026, 10)),
        ("令和8年10月", (2026, 10)),
        ("令和元年11月", (2019, 11)),
        ("H31.4", (2019, 4)),
        ("10月", (None, 10)),
        ("10月分 工数", (None, 10)),
        ("工数_2026年10月_山田.xlsx", (2026, 10)),
        ("hours_2026-10.xlsx", (2026, 10)),
        ("2026-10-01", (2026, 10)),
    ],
)
def test_parse_year_month(text, expected):
    assert parse_year_month(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "山田",
        "TEL 03-1234-5678",
        "090-2026-1012",
        "20261001",
        "2026年13月",
        "令和0年1月",
        "R1.4",  # 2019-04 is still 平成
        "H31.5",  # and 2019-05 is 令和
        "予算2026年度",
        "1234567",
        "最大2.5時間",
    ],
)
def test_parse_year_month_none(text):
    assert parse_year_month(text) is None


# --- total labels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "合計", "小計", "総計", "計", "合　計", "【合計】", "月合計", "合計時間", "総合計", "累計",
        "Total", "TOTAL", "Sub Total", "Subtotal", "Grand Total", "合計:", "合計：", "＜合計＞",
        "合計(時間)", "小計(10%対象)", "上期計", "下期計", " 計 ", "■合計", "★ 小計 ★",
    ],
)
def test_is_total_label(text):
    assert is_total_label(text)


@pytest.mark.parametrize(
    "value",
    ["会計システム", "設計", "計画", "計算", "集計表", "合計請求書の件", "Totally", "", None, 123, 1.5],
)
def test_is_not_total_label(value):
    assert not is_total_label(value)


# --- registration numbers -------------------------------------------------------------

GOOD_CORP = ["8700110005901", "7123456789012", "4011001098993", "2120901007402", "5835678256246", "7010705000725"]


@pytest.mark.parametrize("number", GOOD_CORP)
def test_check_digit_vectors(number):
    assert corp_check_digit(number[1:]) == int(number[0])
    assert registration_check_digit_ok("T" + number)
    assert registration_check_digit_ok(number)


def test_check_digit_negative_case():
    assert not registration_check_digit_ok("T2835678256246")
    assert not registration_check_digit_ok("T0123")
    assert not registration_check_digit_ok(None)


def test_corp_check_digit_rejects_bad_base():
    with pytest.raises(ValueError):
        corp_check_digit("12345")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("T8700110005901", "T8700110005901"),
        ("t8700110005901", "T8700110005901"),
        ("Ｔ８７００１１０００５９０１", "T8700110005901"),
        ("T8-7001-1000-5901", "T8700110005901"),
        ("T 8700 1100 05901", "T8700110005901"),
        ("T8−7001‐1000―5901", "T8700110005901"),
        (8700110005901, "8700110005901"),
        (8700110005901.0, "8700110005901"),
        ("abc", "ABC"),
        (None, ""),
    ],
)
def test_normalize_registration_no(value, expected):
    assert normalize_registration_no(value) == expected


def test_registration_format():
    assert is_registration_no_format("T8700110005901")
    assert not is_registration_no_format("T0700110005901")
    assert not is_registration_no_format("8700110005901")
    assert not is_registration_no_format("T870011000590")
    assert not is_registration_no_format(None)


# --- company names --------------------------------------------------------------------


def test_vendor_key_shared():
    names = ["株式会社アルファ", "(株)アルファ", "アルファ株式会社", "ｱﾙﾌｧ(株)", "アルファ　㈱", "㍿アルファ",
             "（株）アルファ", "ｶ)ｱﾙﾌｧ", "ｱﾙﾌｧ(ｶ", "株式会社 アルファ"]
    assert {vendor_key(n) for n in names} == {"アルファ"}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("株式会社アルファ", ("株式会社", "アルファ")),
        ("アルファ株式会社", ("株式会社", "アルファ")),
        ("(有)山田商店", ("有限会社", "山田商店")),
        ("山田商店(同)", ("合同会社", "山田商店")),
        ("合資会社 鈴木", ("合資会社", "鈴木")),
        ("合名会社鈴木", ("合名会社", "鈴木")),
        ("一般社団法人 日本・協会", ("一般社団法人", "日本・協会")),
        ("(一社)日本協会", ("一般社団法人", "日本協会")),
        ("医療法人社団 山田会", ("医療法人社団", "山田会")),
        ("Alpha KK", ("株式会社", "Alpha")),
        ("Alpha K.K.", ("株式会社", "Alpha")),
        ("Alpha Co., Ltd.", ("株式会社", "Alpha")),
        ("Alpha Systems, Inc.", ("株式会社", "Alpha Systems")),
        ("Alpha LLC", ("合同会社", "Alpha")),
        ("山田商店", (None, "山田商店")),
        ("アルファ株式会社 御中", ("株式会社", "アルファ")),
        ("株式会社アルファ御中", ("株式会社", "アルファ")),
        ("山田商店 様", (None, "山田商店")),
        ("焼肉御殿", (None, "焼肉御殿")),
        ("株式会社", (None, "株式会社")),
        ("", (None, "")),
    ],
)
def test_split_legal_form(name, expected):
    assert split_legal_form(name) == expected


def test_vendor_key_folding():
    assert vendor_key("ＡＬＰＨＡ・システムズ 株式会社") == vendor_key("alpha システムズ")
    assert vendor_key("Alpha Systems, Inc.") == "alphasystems"
    assert vendor_key("アルファ") != vendor_key("アルファー")


# --- properties: parsers raise CellValueError and nothing else ------------------------

PARSERS = [
    parse_hours,
    parse_date,
    lambda v: parse_date(v, 2026, 10),
    parse_amount_with_basis,
    parse_rate,
    parse_code,
]
OTHER = [normalize_text, normalize_name, parse_year_month, is_total_label, normalize_registration_no,
         registration_check_digit_ok, split_legal_form, vendor_key, is_blank]

cell_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789０１２３,.:/-−△▲()（）¥￥円万千億年月日時間分h%％令和平成R元 ※税込抜", max_size=16),
)
cell_values = st.one_of(
    cell_text,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.lists(st.integers(), max_size=2),
)


@pytest.mark.parametrize(
    "v",
    [D("1E+999999"), D("-1E+999999"), D("1E-999999"), D("sNaN"), 10**400, -(10**400), 1e308, 5e-324,
     "9" * 400, "1" + "万" * 3, "(" * 50, "令和" * 20, "\x00", "\ud800", [], {}, object(), b"1,000"],
)
def test_parsers_on_extreme_values(v):
    test_parsers_raise_only_cell_value_error.hypothesis.inner_test(v)


@given(cell_values)
@settings(max_examples=200)
def test_parsers_raise_only_cell_value_error(v):
    for parse in PARSERS:
        try:
            parse(v)
        except CellValueError as e:
            assert e.reason
    for f in OTHER:
        f(v)


# --- values that came through a DataFrame ---------------------------------------------


def test_numpy_and_pandas_scalars():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    for blank in (pd.NA, pd.NaT):
        assert parse_hours(blank) is None and parse_date(blank) is None
        assert parse_amount(blank) is None and parse_rate(blank) is None and parse_code(blank) is None
        assert normalize_text(blank) == "" and is_blank(blank) is True
    assert parse_hours(np.float64(7.5)) == 7.5 and parse_hours(np.int64(8)) == 8.0
    assert parse_hours(pd.Timedelta(hours=37, minutes=30)) == 37.5
    assert parse_date(pd.Timestamp("2026-10-01 09:00")) == OCT1
    assert parse_date(np.int64(46296)) == OCT1
    assert parse_amount(np.int64(1234)) == 1234 and parse_amount(np.float64(0.1) + 0.2) == D("0.3")
    assert str(parse_rate(np.float64(0.1))) == "0.10"
    assert parse_code(np.float64(123.0)) == "123"
    assert is_blank(np.float64("nan")) is True


# --- what the readers really hand over ------------------------------------------------

EXCEL_CELLS = [
    # (number format, stored serial, hours, date)
    ("h:mm", 0.3125, 7.5, None),
    ("[h]:mm", 1.5625, 37.5, None),
    ("h:mm", 1.5625, 37.5, None),  # shows 13:30, Excel sums 37:30
    ("[h]:mm", 0.3125, 7.5, None),
    ("h:mm", 7 / 24 + 20 / 1440, 440 / 60, None),  # 7:20, a binary fraction
    ("General", 7.5, 7.5, None),
    ("yyyy/mm/dd", 46296, None, OCT1),
    ("yyyy/mm/dd h:mm", 46296.375, None, OCT1),
    ('[$-ja-JP-x-gannen]ggge"年"m"月"d"日"', 46296, None, OCT1),
]


def _excel_cells(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "cells.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    for i, (fmt, serial, _, _) in enumerate(EXCEL_CELLS):
        ws.write_number(i, 0, serial, wb.add_format({"num_format": fmt}))
    wb.close()
    return path


def test_cells_as_openpyxl_and_calamine_deliver_them(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    calamine = pytest.importorskip("python_calamine")
    path = _excel_cells(tmp_path)
    from_openpyxl = [r[0] for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    from_calamine = [r[0] for r in calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()]
    for values in (from_openpyxl, from_calamine):
        for (fmt, serial, hours, date), v in zip(EXCEL_CELLS, values):
            if hours is not None:
                assert parse_hours(v) == hours, (fmt, serial, v)
            if date is not None:
                assert parse_date(v) == date, (fmt, serial, v)
