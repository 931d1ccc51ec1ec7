"""Issue 13 §3, header words: a header is a field by a whole synonym or a declared pattern, never a
shared fragment; two columns for one field are decided and said; an SES invoice list's 対象者 and
対象月 are whom and which month a line bills, and ``settle`` matches invoices to people by them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.detect.headers import EXACT, UNIT, Synonyms, _relaxed, header_key
from ledgerkit.intake.read import RawSheet
from ledgerkit.invoices.layout import money_header
from ledgerkit.invoices.rows import billed_month
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.kinds import COLUMN_KINDS, INVOICE_FIELDS
from ledgerkit.orders.lists import read_order_sheet

from layouts import SES_INVOICE_HEADER, make_ses_invoices

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
D = dt.date

TECH, SOFT = "株式会社テックブリッジ", "合同会社ソフトリンク"
TECH_REG, SOFT_REG = "301001012345", "501003098765"


# --- a header is a field by a whole synonym, never a fragment ------------------------------------


def _whole_forms(fields: dict[str, list[str]], field: str) -> set[str]:
    keys = {header_key(w) for w in [field, *fields[field]]}
    return keys | {_relaxed(k) for k in keys}


def _fragments(words) -> list[str]:
    out = set()
    for w in words:
        for i in range(len(w)):
            for j in range(i + 1, min(len(w), i + 4) + 1):
                out.add(w[i:j])
    return sorted(out)


_ALL_WORDS = sorted({w for fields, _, _ in COLUMN_KINDS.values() for ws in fields.values() for w in ws})
_PIECES = _fragments(_ALL_WORDS) + ["(", ")", "（", "）", "者", "月", "名", "期間", " ", "円", "税込", "税抜", "フリガナ"]


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(sorted(COLUMN_KINDS)), parts=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4))
def test_no_header_is_matched_by_a_fragment_of_a_synonym(kind, parts):
    """Any text built from pieces of synonyms names a field only when all of it (a unit in
    brackets aside) is one of that field's synonyms: 対象者 is never 課税対象額, 単価(税込) never 単価(税抜)."""
    fields = COLUMN_KINDS[kind][0]
    syn = Synonyms(fields)
    text = "".join(parts)
    hit = syn.claim(text)
    if hit is None:
        return
    key = header_key(text)
    forms = _whole_forms(fields, hit.field)
    if hit.quality == EXACT:
        assert key in {header_key(w) for w in [hit.field, *fields[hit.field]]}
    else:
        assert hit.quality == UNIT
        # the header with its brackets off is a synonym, or the header is a synonym with its unit off
        assert _relaxed(key) in {header_key(w) for w in [hit.field, *fields[hit.field]]} or key in forms
        assert "フリガナ" not in key


@pytest.mark.parametrize("kind,header,expected", [
    ("hours", "工数(h)", ("hours", EXACT)), ("hours", "工数(人日)", ("hours", UNIT)), ("hours", "氏名(フリガナ)", None),
    ("hours", "氏名(漢字)", ("person", UNIT)), ("contracts", "月額単価(税抜)", ("fee", EXACT)),
    ("contracts", "月額単価(税込)", None), ("contracts", "月額単価(円)", ("fee", UNIT)), ("invoices", "対象者", ("person", EXACT)),
    ("invoices", "対象月", ("month", EXACT)), ("invoices", "担当者", None), ("invoices", "課税対象", None),
    ("invoices", "金額(円)", ("amount", UNIT)), ("budget", "金額(予算)", ("amount", UNIT)),
])
def test_synonyms_claim_whole_headers(kind, header, expected):
    hit = Synonyms(COLUMN_KINDS[kind][0]).claim(header)
    assert (tuple(hit) if hit else None) == expected


_MONEY_WORDS = ["税抜金額", "税抜", "本体金額", "課税対象額", "対象額", "10%対象", "小計", "消費税", "税額", "税込金額",
                "税込", "合計", "合計金額", "金額", "請求金額", "請求額", "課税", "対象"]
#: what ends a header that is not an amount: 対象者, 対象月, 合計件数, 課税区分, 消費税率, 金額区分 ...
_NOT_MONEY_ENDINGS = ["者", "者名", "月", "年月", "期間", "区分", "番号", "日", "コード", "率", "件数", "名", "先", "フラグ", "欄"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_fragments(_MONEY_WORDS)), st.sampled_from(_NOT_MONEY_ENDINGS),
       st.sampled_from(["", "10%", "(8%)", "軽減"]))
def test_a_money_fragment_in_another_word_is_no_money_column(fragment, ending, rate):
    """対象者, 対象月, 課税区分, 合計件数, 消費税率: a part of a money word is not enough."""
    assert money_header(rate + fragment + ending) is None
    assert money_header(fragment + ending + rate) is None


@pytest.mark.parametrize("field", ["net", "tax", "total", "amount", "net_10", "net_8", "tax_10", "tax_8"])
def test_money_synonyms_and_patterns_agree(field):
    """Each money synonym is either outside the patterns (Net, Amount) or read as its own field."""
    kind, _, pct = field.partition("_")
    rate = Decimal(pct) / 100 if pct else None
    for word in INVOICE_FIELDS[field]:
        got = money_header(word)
        assert got in (None, (kind, rate.quantize(Decimal("0.01")) if rate else None)), (word, got)


@pytest.mark.parametrize("text,expected", [
    ("税抜(10%)", ("net", "0.10")), ("10%対象", ("net", "0.10")), ("８％対象額", ("net", "0.08")),
    ("消費税(軽減8%)", ("tax", "0.08")), ("標準税率10% 税抜", ("net", "0.10")), ("税込金額(円)", ("total", None)),
    ("請求額(税込)", ("total", None)), ("金額（税抜）", ("net", None)), ("10%対象合計", ("total", "0.10")),
    ("対象者", None), ("対象月", None), ("対象期間", None), ("課税区分", None), ("消費税率", None),
    ("支払額", None), ("源泉税", None), ("税抜金額18%", None), ("軽減10%対象", None), ("対象", None),
])
def test_money_patterns_are_anchored(text, expected):
    got = money_header(text)
    assert got == (None if expected is None else (expected[0], Decimal(expected[1]) if expected[1] else None))


# --- two columns for one field: the better wins, and the sheet says so ----------------------------


def test_a_synonym_beats_a_pattern_and_an_exact_header_beats_a_unit_and_inspect_says_so():
    rows = [["請求書番号", "取引先(略称)", "取引先", "登録番号", "課税対象", "税抜金額", "消費税", "税込金額"],
            ["A-1", "アルファ", "株式会社アルファ", "", 1000, 1000, 100, 1100]]
    r = read_invoice_sheet(RawSheet("一覧", "visible", rows), file="a.xlsx")
    assert r.frame[["vendor", "net", "tax", "total"]].values.tolist() == [["株式会社アルファ", 1000, 100, 1100]]
    contested = [i for i in r.issues if i.code == "column_contested"]
    assert [(i.severity, i.column, i.message("en")) for i in contested] == [
        ("info", "取引先", "several columns could be 取引先: 取引先 (C) is read (its header is a synonym as written);"
                         " 取引先(略称) (B) is not read as it (kept in the rows under its own header)"),
        ("info", "税抜金額", "several columns could be 税抜金額: 税抜金額 (F) is read (a synonym, the others only a pattern);"
                           " 課税対象 (E) is not read as it (kept in the rows under its own header)"),
    ]
    assert contested[1].message("ja") == (
        "税抜金額 に当たる列が複数あります: 税抜金額 (F) を読みます (同義語に一致 (他はパターンのみ))。"
        "課税対象 (E) はその列としては読みません (明細シートには見出しのまま残ります)")
    assert r.mapping["vendor"] == "取引先" and r.mapping["net"] == "税抜金額"


def test_two_columns_as_good_as_each_other_the_left_one_wins_in_an_order_list():
    rows = [["注文番号", "発注日", "注文日", "発注先", "品名", "金額"], ["P-1", "2026/10/01", "2026/10/02", "アルファ", "部品", 100]]
    r = read_order_sheet(RawSheet("発注一覧", "visible", rows), file="po.xlsx")
    assert r.frame["order_date"].tolist() == [dt.datetime(2026, 10, 1)]
    [c] = [i for i in r.issues if i.code == "column_contested"]
    assert c.message("en") == ("several columns could be 発注日: 発注日 (B) is read (as good a match, and further left);"
                               " 注文日 (C) is not read as it (kept in the rows under its own header)")


def test_cli_inspect_names_both_columns(tmp_path):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app
    from sheets import make_xlsx

    src = make_xlsx(tmp_path / "一覧.xlsx", {"一覧": [
        ["請求書番号", "取引先", "課税対象", "税抜金額", "消費税", "税込金額"], ["A-1", "アルファ", 1000, 1000, 100, 1100]]})
    result = CliRunner().invoke(app, ["inspect", str(src), "--kind", "invoices", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert [line.strip() for line in result.stderr.splitlines()][1:] == [
        "一覧: invoices / one-rate, header row 1, 1 data rows",
        "invoice_no   ← 請求書番号", "vendor       ← 取引先", "net          ← 税抜金額", "tax          ← 消費税",
        "total        ← 税込金額",
        "note: several columns could be 税抜金額: 税抜金額 (D) is read (a synonym, the others only a pattern);"
        " 課税対象 (C) is not read as it (kept in the rows under its own header)",
        "note: column 課税対象 holds amounts but has no place among net, tax and total: kept in the rows, summed nowhere",
    ]


# --- 対象月: the month a line bills -----------------------------------------------------------------


_MONTH_TEXTS = {
    "iso": lambda y, m: f"{y}-{m:02d}", "kanji": lambda y, m: f"{y}年{m}月", "kanji_bun": lambda y, m: f"{y}年{m}月分",
    "slash": lambda y, m: f"{y}/{m}", "wareki": lambda y, m: f"R{y - 2018}.{m}", "date": lambda y, m: dt.datetime(y, m, 28),
    "number": lambda y, m: y * 100 + m, "span": lambda y, m: f"{y}/{m}/1～{y}/{m}/28",
}


@settings(max_examples=300, deadline=None)
@given(y=st.integers(2020, 2035), m=st.integers(1, 12), form=st.sampled_from(sorted(_MONTH_TEXTS)))
def test_billed_month_reads_every_way_a_month_is_written(y, m, form):
    assert billed_month(_MONTH_TEXTS[form](y, m)) == (f"{y}-{m:02d}", None)


@settings(max_examples=300, deadline=None)
@given(m=st.integers(1, 12), issued=st.dates(D(2021, 1, 1), D(2034, 12, 31)))
def test_a_month_without_a_year_is_the_last_such_month_up_to_the_issue_date(m, issued):
    label, problem = billed_month(f"{m}月分", issued)
    assert problem is None
    y, mm = map(int, label.split("-"))
    assert mm == m and (y, mm) <= (issued.year, issued.month) and (y + 1, mm) > (issued.year, issued.month)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_billed_month_never_raises(value):
    label, problem = billed_month(value)
    assert (label is None) or re.fullmatch(r"\d{4}-\d{2}", label)
    assert problem in (None, "bad_cell", "invoice_month_no_year", "invoice_month_span")
    assert not (label and problem)


# --- the SES invoice list of §3 ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """The attendance sheets and contract list of examples/make_attendance_examples.py."""
    tmp = tmp_path_factory.mktemp("examples")
    spec = importlib.util.spec_from_file_location("make_attendance_examples", EXAMPLES / "make_attendance_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT, module.SHEETS, module.HERE = tmp / "attendance", tmp / "attendance" / "勤務表", tmp
    module.main()
    return tmp / "attendance"


#: 高橋 健一 is settled at 516,680 (テックブリッジ), 伊藤 美咲 at 671,000 (ソフトリンク), both 2026-10
SES_LINES = [
    ("TB-2610-007", D(2026, 11, 4), TECH, TECH_REG, "高橋 健一", (2026, 10), 516_680),
    ("SL-1031", D(2026, 11, 5), SOFT, SOFT_REG, "伊藤 美咲", (2026, 10), 672_000),
]


def _run(args):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    return CliRunner().invoke(app, args)


def _settle(examples, invoices, out):
    return _run(["settle", str(examples / "勤務表"), "--contracts", str(examples / "契約一覧.xlsx"),
                 "--invoices", str(invoices), "-o", str(out), "--lang", "en"])


@pytest.mark.parametrize("month_as", ["text", "date", "kanji", "wareki"])
def test_ses_list_reads_person_and_month_and_check_invoices_finds_nothing(tmp_path, month_as):
    src = tmp_path / "SES請求書一覧.xlsx"
    truth = make_ses_invoices(src, SES_LINES, month_as=month_as)
    from ledgerkit.invoices.across_files import read_invoices

    result = read_invoices([src])
    frame = result.frame
    assert {(p, m): n for p, m, n in zip(frame["person"], frame["month"], frame["net"])} == truth
    assert list(frame.columns[:4]) == ["invoice_no", "issue_date", "month", "vendor"]
    assert result.meta["columns"][(str(src), "請求書一覧")] == dict(zip(
        ["invoice_no", "issue_date", "vendor", "registration_no", "person", "month", "net", "tax", "total"],
        SES_INVOICE_HEADER))
    out = tmp_path / "findings.xlsx"
    run = _run(["check", "invoices", str(src), "--today", "2026-11-30", "-o", str(out), "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert run.stderr.strip().splitlines() == ["Checked 2 invoices (2 rows by rate): 0 errors, 0 warnings", f"Wrote {out}"]


def test_settle_matches_the_ses_list_by_person_and_month(tmp_path, examples):
    src = tmp_path / "SES請求書一覧.xlsx"
    make_ses_invoices(src, SES_LINES)
    out = tmp_path / "settlement.xlsx"
    run = _settle(examples, src, out)
    assert run.exit_code == 1, run.output
    assert run.stderr.strip().splitlines() == [
        f"{src} / 請求書一覧 / row 5 / 税抜金額: 伊藤美咲, 2026-10: billed 672,000 yen (excl. tax) but the settlement"
        " is 671,000 yen (+1,000 yen off)",
        f"2 person-months settled, 1,187,680 yen excl. tax; 1 finding; wrote {out}",
    ]


def test_settle_names_the_person_an_invoice_bills_who_is_not_settled(tmp_path, examples):
    """高橋 美咲 (a name mixed up) and 小林 誠 (contract ended in September): each named, and
    高橋 健一 has no invoice."""
    src = tmp_path / "SES請求書一覧.xlsx"
    make_ses_invoices(src, [
        ("TB-2610-007", D(2026, 11, 4), TECH, TECH_REG, "高橋 美咲", (2026, 10), 516_680),
        ("TB-2610-008", D(2026, 11, 4), TECH, TECH_REG, "小林 誠", (2026, 10), 480_000),
        ("SL-1031", D(2026, 11, 5), SOFT, SOFT_REG, "伊藤 美咲", (2026, 10), 671_000),
    ])
    out = tmp_path / "settlement.xlsx"
    run = _settle(examples, src, out)
    assert run.exit_code == 1, run.output
    sheet = examples / "勤務表" / "作業報告書_2026年10月_高橋健一.xlsx"
    assert run.stderr.strip().splitlines() == [
        f"{sheet} / 作業報告書: 高橋健一, 2026-10 ({TECH}): no invoice (settlement 516,680 yen)",
        f"{src} / 請求書一覧 / row 4 / 対象者: invoice TB-2610-007 ({TECH}, 2026-10, 516,680 yen) bills for 高橋 美咲,"
        " who is not settled (check the names on the attendance sheets and the contract list)",
        f"{src} / 請求書一覧 / row 5 / 対象者: invoice TB-2610-008 ({TECH}, 2026-10, 480,000 yen) bills for 小林 誠,"
        " who is not settled (check the names on the attendance sheets and the contract list)",
        f"2 person-months settled, 1,187,680 yen excl. tax; 3 findings; wrote {out}",
    ]


def test_settle_names_an_invoice_for_the_wrong_month(tmp_path, examples):
    src = tmp_path / "SES請求書一覧.xlsx"
    make_ses_invoices(src, [
        ("TB-2609-007", D(2026, 11, 4), TECH, TECH_REG, "高橋 健一", (2026, 9), 516_680),
        ("SL-1031", D(2026, 11, 5), SOFT, SOFT_REG, "伊藤 美咲", (2026, 10), 671_000),
    ])
    out = tmp_path / "settlement.xlsx"
    run = _settle(examples, src, out)
    assert run.exit_code == 1, run.output
    assert run.stderr.strip().splitlines() == [
        f"{src} / 請求書一覧 / row 4 / 対象月: invoice TB-2609-007 ({TECH}) bills 高橋健一 for 2026-09, but 高橋健一"
        " is settled for 2026-10 (check its month; billed 516,680 yen, settlement 516,680 yen)",
        f"2 person-months settled, 1,187,680 yen excl. tax; 1 finding; wrote {out}",
    ]
    import openpyxl

    ws = openpyxl.load_workbook(out)["Settlement"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["高橋健一"]["Check"] == "other month" and rows["高橋健一"]["Invoice no."] == "TB-2609-007"
    assert rows["伊藤美咲"]["Check"] == "match"


def test_a_person_that_is_no_name_and_a_month_without_a_year_are_warnings_and_the_row_stays():
    rows = [SES_INVOICE_HEADER,
            ["A-1", "", "アルファ", "", "2026/10/31", "10月", 1000, 100, 1100],
            ["A-2", "", "アルファ", "", "高橋 健一、伊藤 美咲", "2026/10/16～2026/11/15", 2000, 200, 2200]]
    r = read_invoice_sheet(RawSheet("一覧", "visible", rows), file="a.xlsx")
    assert r.frame[["invoice_no", "person", "month"]].values.tolist() == [
        ["A-1", "", ""], ["A-2", "高橋 健一、伊藤 美咲", ""]]
    assert [(i.code, i.row, i.column, i.severity, i.message("en")) for i in r.issues] == [
        ("invoice_person_not_a_name", 2, "対象者", "warning",
         "対象者 '2026/10/31' does not look like a person's name: not used as whom the invoice bills for"),
        ("invoice_month_no_year", 2, "対象月", "warning",
         "対象月 '10月' names no year, nor do the issue date, receipt date or title: not used as the month billed"),
        ("invoice_month_span", 3, "対象月", "warning",
         "対象月 '2026/10/16～2026/11/15' spans two months: cannot tell which month it bills"),
    ]


def test_an_invoice_for_two_people_is_compared_with_their_sum():
    import pandas as pd

    from ledgerkit.settlement.invoice_check import check_settled_invoices

    settled = pd.DataFrame({"person": ["高橋健一", "伊藤美咲"], "vendor": [TECH, TECH], "month": ["2026-10"] * 2,
                            "amount": [500_000, 600_000]})
    invoices = pd.DataFrame({
        "invoice_no": ["T-1", "T-2"], "vendor": [TECH, TECH], "person": ["高橋 健一、伊藤 美咲", "小林 誠"],
        "month": ["2026-10", "2026-10"], "net": [1_100_000, 480_000], "issue_date": pd.to_datetime(["2026-11-04"] * 2),
        "source_file": ["inv.xlsx"] * 2, "source_sheet": ["一覧"] * 2, "source_row": [2, 3]})
    result = check_settled_invoices(settled, invoices, lang="en")
    assert result.frame["check"].tolist() == ["match", "match"]
    assert [(i.code, i.row, i.message("en")) for i in result.issues] == [
        ("settle_invoice_unknown_person", 3, f"invoice T-2 ({TECH}, 2026-10, 480,000 yen) bills for 小林 誠, who is not"
         " settled (check the names on the attendance sheets and the contract list)")]
