"""ledgerkit draft-ringi / draft-po: exit codes and the exact lines a person sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app

from test_drafts_po import make_orders
from test_drafts_ringi import make_requests

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def requests_xlsx(tmp_path) -> Path:
    return make_requests(tmp_path / "requests.xlsx")


def test_one_row(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    r = run("draft-ringi", str(requests_xlsx), "--row", "4", "-o", str(out))
    assert r.exit_code == 0, r.output
    path = out / "R-2026-001_ノートPC購入の件.md"
    assert path.is_file()
    assert r.stderr.strip() == f"{path.resolve()} を書き出しました"


def test_all_with_a_failing_row(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    r = run("draft-ringi", str(requests_xlsx), "--all", "-o", str(out))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        "Error: requests.xlsx: 申請一覧: 7行目: ringi.md.j2: 'purpose' を使っていますが、ありません (セル 目的 が空です)",
        f"下書き 3 件を {out} に書き出しました (一覧: {out / 'manifest.csv'})、1 件は失敗",
    ]


def test_missing_field_single_row_exit_2_nothing_written(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    r = run("draft-ringi", str(requests_xlsx), "--where", "申請番号=R-2026-004", "-o", str(out), "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: requests.xlsx: 申請一覧: row 7: ringi.md.j2: uses 'purpose', which is not there (the cell 目的 is empty)\n"
    )
    assert list(out.iterdir()) == []


def test_existing_draft_needs_force(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    assert run("draft-ringi", str(requests_xlsx), "--row", "4", "-o", str(out)).exit_code == 0
    r = run("draft-ringi", str(requests_xlsx), "--row", "4", "-o", str(out))
    assert r.exit_code == 2
    assert r.stderr == f"Error: {(out / 'R-2026-001_ノートPC購入の件.md').resolve()} はすでにあります: 置き換えるには --force を付けてください\n"
    assert run("draft-ringi", str(requests_xlsx), "--row", "4", "-o", str(out), "--force").exit_code == 0


@pytest.mark.parametrize(
    "args, line",
    [
        (["--row", "4", "--all"], "Error: 行は --row N、--where 列名=値、--all のどれか1つで指定してください"),
        (["--where", "番号=1", "--lang", "en"], "Error: requests.xlsx: 申請一覧: no column '番号' (columns: 申請番号, 起案日, "
                                                 "部署, 起案者, 件名, 区分, 金額(税抜), 予算科目, 予算内外, 取引先, 実施時期, 目的)"),
        (["--row", "4", "--template", "nope.j2"], None),
    ],
)
def test_usage_errors_exit_2(requests_xlsx, tmp_path, args, line):
    r = run("draft-ringi", str(requests_xlsx), "-o", str(tmp_path / "o"), *args)
    assert r.exit_code == 2
    if line:
        assert r.stderr == line + "\n"
    else:
        assert r.stderr.startswith("Error: テンプレート nope.j2 がありません (同梱: ")
    assert "Traceback" not in r.output


def test_unreadable_source(tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    r = run("draft-ringi", str(bad), "--all", "-o", str(tmp_path / "o"))
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: ") and len(r.stderr.splitlines()) == 1


def test_draft_po_data_error_exit_1(tmp_path):
    from test_drafts_po import ROWS

    rows = [list(x) for x in ROWS]
    rows[4][9] = __import__("datetime").datetime(2026, 12, 11)
    src = make_orders(tmp_path / "orders.xlsx", rows)
    cfg = tmp_path / "ledgerkit.toml"
    cfg.write_text('[company]\nname = "株式会社サンプル製作所"\n', encoding="utf-8")
    r = run("draft-po", str(src), "--where", "注文番号=PO-2", "-o", str(tmp_path / "o"), "--config", str(cfg),
            "--lang", "en")
    if "unknown setting 'company'" in r.stderr:
        pytest.skip("the config does not know [company] yet")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: orders.xlsx: 発注一覧: rows 7-9: order PO-2: 納期 differs between rows: row 7 '2026-12-10', row 8 '2026-12-11'\n"
    )


def test_draft_po_without_issuer(tmp_path):
    src = make_orders(tmp_path / "orders.xlsx")
    r = run("draft-po", str(src), "--all", "-o", str(tmp_path / "o"))
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: 注文書の発行者がありません: ledgerkit.toml の [company] に name (と address, tel, registration_no) を書いてください\n"
    )


def test_help_lists_the_commands():
    r = run("--help")
    assert "draft-ringi" in r.output and "draft-po" in r.output
    r = run("draft-ringi", "--help")
    assert r.exit_code == 0 and "Example: ledgerkit draft-ringi" in r.output


def test_where_with_full_width_equals_sign(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    r = run("draft-ringi", str(requests_xlsx), "--where", "申請番号＝R-2026-001", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert [p.name for p in out.iterdir()] == ["R-2026-001_ノートPC購入の件.md"]


@pytest.mark.parametrize("command", ["draft-ringi", "draft-po"])
def test_output_dash_is_refused_not_a_folder_named_dash(command, requests_xlsx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(command, str(requests_xlsx), "--row", "4", "-o", "-", "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == "Error: drafts are written as files: give -o a folder (not -, standard output)\n"
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("choose", [["--row", "2"], ["--where", "申請番号=R-1"], ["--all"]])
def test_list_with_only_its_header_says_no_data_rows(choose, tmp_path):
    from sheets import make_xlsx

    src = make_xlsx(tmp_path / "req.xlsx", {"申請一覧": [["申請番号", "起案日", "部署", "起案者", "件名", "金額(税抜)"]]})
    r = run("draft-ringi", str(src), *choose, "-o", str(tmp_path / "o"), "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == "Error: req.xlsx: 申請一覧: the table has no data rows\n"


# --- a template author's mistakes, said in the person's language ----------------------------------

@pytest.mark.parametrize("body, ja, en", [
    ('{{ row["件名"] | yen }', "bad.md.j2:2: 「}」はここには書けません", "bad.md.j2:2: unexpected '}'"),
    ('{{ row["件名"] | yenn }}', "bad.md.j2:2: 「yenn」というフィルターはありません",
     "bad.md.j2:2: no filter named 'yenn'"),
    ('{% if x %}\nno end', "bad.md.j2:3: テンプレートが途中で終わっています ({% if %} を閉じる {% endif %} がありません)",
     "bad.md.j2:3: the template ends before the {% endif %} that closes a {% if %}"),
    ('{{ x', "bad.md.j2:2: テンプレートが途中で終わっています (閉じていない {{ }} か {% %} があります)",
     "bad.md.j2:2: the template ends too early (a {{ }} or {% %} is not closed)"),
    ('{% endfor %}', "bad.md.j2:2: 「endfor」というタグはありません ({% endif %} や {% endfor %} の数が合っていないかもしれません)",
     "bad.md.j2:2: unknown tag 'endfor' (an {% endif %} or {% endfor %} too many or too few?)"),
    ('{{ row["件名"] | yen }}', "bad.md.j2: フィルター yen: 'ノートPC購入の件' は金額として読めません",
     "bad.md.j2: filter yen: 'ノートPC購入の件' is not an amount"),
    ('{{ 1 // 0 }}', "bad.md.j2: テンプレートの式を計算できません (ZeroDivisionError: integer division or modulo by zero)",
     "bad.md.j2: the template failed (ZeroDivisionError: integer division or modulo by zero)"),
])
def test_template_mistakes_are_one_line_in_the_persons_language(requests_xlsx, tmp_path, body, ja, en):
    template = tmp_path / "bad.md.j2"
    template.write_text("# 稟議書\n" + body + "\n", encoding="utf-8")
    for lang, where, expected in (("ja", "4行目", ja), ("en", "row 4", en)):
        r = run("draft-ringi", str(requests_xlsx), "--row", "4", "--template", str(template),
                "-o", str(tmp_path / f"out_{lang}"), "--lang", lang)
        assert r.exit_code == 2, r.output
        assert r.stderr.splitlines() == [f"Error: requests.xlsx: 申請一覧: {where}: {expected}"]
