"""Filters for Japanese documents, strict rendering and autoescape, the approval matrix, safe names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.drafts.approval import DEFAULT_APPROVAL, approval_route
from ledgerkit.drafts.filters import comma, date, kanji_amount, wareki, yen
from ledgerkit.drafts.output import name_from_pattern, place, safe_filename
from ledgerkit.drafts.templating import render, render_text
from ledgerkit.drafts.ringi import in_budget_of
from ledgerkit.core.errors import ConfigError, TemplateError


# --- filters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "d, kanji, short",
    [
        (dt.date(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
        (dt.date(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
        (dt.date(2020, 1, 1), "令和2年1月1日", "R2.1.1"),
        (dt.date(2026, 12, 15), "令和8年12月15日", "R8.12.15"),
        (dt.date(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
        (dt.date(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
        (dt.datetime(2026, 10, 1, 9, 30), "令和8年10月1日", "R8.10.1"),
    ],
)
def test_wareki_era_boundaries_and_gannen(d, kanji, short):
    assert wareki(d) == kanji
    assert wareki(d, "short") == short


def test_wareki_of_text_and_bad_values():
    assert wareki("2026/10/01") == "令和8年10月1日"
    # free text in a date column (実施時期 "2027年4月～") is shown as written
    assert wareki("2027年4月～") == "2027年4月～"
    with pytest.raises(TemplateError, match="フィルター wareki: 12 は日付として読めません"):
        wareki(12)
    with pytest.raises(TemplateError, match="フィルター wareki: 書式 'fancy' はありません"):
        wareki(dt.date(2026, 1, 1), "fancy")


@pytest.mark.parametrize(
    "n, text",
    [
        (0, "金零円也"),
        (1, "金壱円也"),
        (10, "金壱拾円也"),
        (1480000, "金壱百四拾八万円也"),
        (10010, "金壱万壱拾円也"),
        (100000000, "金壱億円也"),
        (1234567890123, "金壱兆弐千参百四拾伍億六千七百八拾九万壱百弐拾参円也"),
    ],
)
def test_kanji_amount(n, text):
    assert kanji_amount(n) == text


def test_kanji_amount_refuses_fractions_negatives_and_text():
    with pytest.raises(TemplateError, match="1円未満の端数があります"):
        kanji_amount(Decimal("10.5"))
    with pytest.raises(TemplateError, match="フィルター kanji_amount: -1 はマイナスです"):
        kanji_amount(-1)
    with pytest.raises(TemplateError, match="フィルター kanji_amount: None は金額として読めません"):
        kanji_amount(None)


def test_comma_and_yen():
    assert comma(1480000) == "1,480,000"
    assert comma(0) == "0"
    assert comma(Decimal("1480000")) == "1,480,000"
    assert comma(1480000.0) == "1,480,000"
    assert comma("１，４８０，０００円") == "1,480,000"
    assert yen(1480000) == "¥1,480,000"
    assert yen(1480000, "円") == "1,480,000円"
    assert yen(-1000) == "-¥1,000"
    assert yen(0) == "¥0"
    with pytest.raises(TemplateError, match="フィルター yen: 書式は"):
        yen(1, "dollars")
    with pytest.raises(TemplateError, match="フィルター comma: True は金額として読めません"):
        comma(True)


def test_date_filter():
    d = dt.date(2026, 4, 1)
    assert date(d) == "2026年4月1日"
    assert date(d, "%Y/%m/%d") == "2026/04/01"
    assert date(d, "%-m/%-d(%a)") == "4/1(水)"
    assert date(dt.datetime(2026, 4, 1, 9, 5), "%H:%M") == "09:05"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_comma_and_yen_round_trip(n):
    from ledgerkit.parse.amounts import parse_amount

    assert parse_amount(comma(n)) == n
    assert parse_amount(yen(n)) == n
    assert parse_amount(yen(n, "円")) == n


# --- rendering ---------------------------------------------------------------------


def test_strict_undefined_names_the_field():
    with pytest.raises(TemplateError) as e:
        render_text("{{ 件名 }} {{ 目的 }}", {"件名": "x"}, name="t.md.j2")
    assert str(e.value) == "t.md.j2: '目的' を使っていますが、ありません"
    with pytest.raises(TemplateError, match="uses '金額', which is not there"):
        render_text("{{ row['金額'] }}", {"row": {}}, lang="en")


def test_html_autoescape_and_plain_text_does_not_escape():
    evil = "<script>alert('x')</script> & 株式会社"
    assert render_text("<p>{{ v }}</p>", {"v": evil}, html=True) == (
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 株式会社</p>"
    )
    assert render_text("{{ v }}", {"v": evil}) == evil


def test_sandbox_refuses_unsafe_attributes():
    with pytest.raises(TemplateError):
        render_text("{{ ''.__class__.__mro__ }}", {})


def test_syntax_error_names_template_and_line():
    with pytest.raises(TemplateError, match=r"^t.j2:2: "):
        render_text("ok\n{% if %}", {}, name="t.j2")


def test_render_by_bundled_name_and_unknown_name(tmp_path):
    with pytest.raises(TemplateError, match=r"テンプレート nope.j2 がありません \(同梱: .*ringi.md.j2"):
        render("nope.j2", {})
    p = tmp_path / "mine.html.j2"
    p.write_text("<b>{{ x }}</b>", encoding="utf-8")
    assert render(p, {"x": "<i>"}) == "<b>&lt;i&gt;</b>"


# --- approval ----------------------------------------------------------------------


def test_domain_test_case():
    """DOMAIN.md §1.2: ¥480,000 purchase → 部長; outside the budget → 役員; contract ¥1.2M → 営業部長 + 法務部, 経理部."""
    assert approval_route(480000, "purchase")[-1] == "部長"
    assert approval_route(480000, "purchase", in_budget=False)[-1] == "役員"
    # the shipped matrix is neutral: the drafter's department stamps (issue 14.4)
    route = approval_route(1200000, "contract", department="営業部")
    assert route[-1] == "営業部長"
    assert route == ["営業部 課長", "法務部", "経理部", "営業部長"]
    assert approval_route(1200000, "contract") == ["課長", "法務部", "経理部", "部長"]


@pytest.mark.parametrize(
    "amount, decider",
    [(0, "課長"), (99999, "課長"), (100000, "部長"), (499999, "部長"), (500000, "役員"), (10**9, "役員")],
)
def test_boundaries_min_inclusive_max_exclusive(amount, decider):
    assert approval_route(amount, "purchase")[-1] == decider


def test_category_words_and_config_override():
    assert approval_route(50000, "購買") == ["課長"]
    assert approval_route(5000000, "契約")[-1] == "社長"
    custom = {
        **DEFAULT_APPROVAL,
        "route_order": {"purchase": ["係長", "課長"]},
        "rules": [{"category": "purchase", "min": 0, "max": 30000, "approver": "係長"},
                  {"category": "purchase", "min": 30000, "approver": "課長"}],
        "co_approval": [],
    }
    assert approval_route(30000, "purchase", {"approval": custom}) == ["係長", "課長"]
    assert approval_route(29999, "purchase", custom, in_budget=False) == ["係長", "課長"]


def test_matrix_gaps_are_config_errors():
    with pytest.raises(ConfigError, match="no rule decides a 出張 request"):
        approval_route(1000, "出張")
    bad = {**DEFAULT_APPROVAL, "route_order": {"purchase": ["課長"]}}
    with pytest.raises(ConfigError, match="部長 is not in approval.route_order.purchase"):
        approval_route(200000, "purchase", bad)


def test_in_budget_words():
    assert in_budget_of("予算内") and in_budget_of("内") and in_budget_of(None) and in_budget_of("○")
    assert not in_budget_of("予算外") and not in_budget_of("×") and not in_budget_of(False)
    with pytest.raises(ValueError):
        in_budget_of("たぶん")


# --- file names --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("R-1_PC購入の件", "R-1_PC購入の件"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        ("C:\\Windows\\x", "C__Windows_x"),
        ("con", "_con"),
        ("NUL.txt", "_NUL.txt"),
        ("a\x00b\nc", "a_b_c"),
        ("...", "draft"),
        ("件名。", "件名。"),
    ],
)
def test_safe_filename(raw, safe):
    assert safe_filename(raw) == safe


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_safe_filename_stays_one_name_inside_the_folder(tmp_path_factory, text):
    out = tmp_path_factory.getbasetemp() / "out"
    name = safe_filename(text)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert name not in (".", "..") and not name.startswith(".")
    assert len(name.encode("utf-8")) <= 180
    path = place(out, name, ".md", set())
    assert path.parent == out.resolve()


def test_name_pattern():
    values = {"申請番号": "R-1", "件名": "a/b", "起案日": dt.date(2026, 12, 1), "金額": Decimal("480000")}
    assert name_from_pattern("{申請番号}_{件名}", values) == "R-1_a_b"
    assert name_from_pattern("{起案日}_{金額}", values) == "2026-12-01_480000"
    with pytest.raises(TemplateError, match=r"--name '\{番号\}': no field \{番号\}"):
        name_from_pattern("{番号}", values, "en")
    with pytest.raises(TemplateError, match=r"--name '\{番号\}': 項目 \{番号\} はありません \(項目: 件名, 申請番号"):
        name_from_pattern("{番号}", values)


def test_place_avoids_names_used_in_the_run(tmp_path):
    taken: set[Path] = set()
    assert place(tmp_path, "a", ".md", taken).name == "a.md"
    assert place(tmp_path, "a", ".md", taken).name == "a_2.md"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=10), st.none(), st.booleans()))
def test_in_budget_reads_or_refuses(value):
    """Any cell text gives 予算内/予算外 or a ValueError (a DataError naming the cell upstream), nothing else."""
    try:
        result = in_budget_of(value)
    except ValueError:
        assert isinstance(value, str) and "外" not in value and "内" not in value
        return
    assert isinstance(result, bool)
    if isinstance(value, str) and "外" in value:
        assert result is False


def test_an_undefined_error_jinja_words_oddly_is_still_led_in_the_persons_language():
    from jinja2 import UndefinedError

    from ledgerkit.drafts.environment import template_error

    e = UndefinedError("something odd happened")
    assert str(template_error(e, "t.md.j2", "ja")) == "t.md.j2: テンプレートの書き方に誤りがあります (something odd happened)"
    assert str(template_error(e, "t.md.j2", "en")) == "t.md.j2: something odd happened"
