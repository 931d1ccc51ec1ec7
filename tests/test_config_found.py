"""Python finds ``./ledgerkit.toml`` as the CLI does (``ledgerkit.config.config_or_found``), and
the issuer's 登録番号 is checked before a draft prints it (issue 15, "Messages and help")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.config import Config, load_config
from ledgerkit.core.errors import ConfigError

from test_drafts_po import COMPANY, make_orders

TODAY = dt.date(2026, 12, 5)

PROJECT_TOML = """[report]
lang = "en"

[company]
name = "株式会社プロジェクト"
registration_no = "T8700110005901"

[ledger]
url = "book.db"
"""

#: a ledgerkit.toml no command can use: a setting of the wrong type on line 2
BAD_TOML = '[budget]\nwarning = "high"\n'
BAD_LINE = "ledgerkit.toml:2: budget.warning:"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "案件 フォルダ"
    folder.mkdir()
    (folder / "ledgerkit.toml").write_text(PROJECT_TOML, encoding="utf-8")
    make_orders(folder / "orders.xlsx")
    monkeypatch.chdir(folder)
    return folder


def _po_html(r) -> str:
    return r.path.read_text(encoding="utf-8")


def test_draft_po_uses_the_project_company(project):
    [r] = ledgerkit.draft_po("orders.xlsx", row=5, template="po.html.j2", out_dir="out", today=TODAY)
    html = _po_html(r)
    assert "株式会社プロジェクト" in html and "登録番号 T8700110005901" in html


def test_explicit_config_wins(project):
    [r] = ledgerkit.draft_po("orders.xlsx", row=5, template="po.html.j2", out_dir="out", today=TODAY, config=COMPANY)
    html = _po_html(r)
    assert "株式会社サンプル製作所" in html and "株式会社プロジェクト" not in html
    # a Config loaded from another file wins too
    other = project / "other.toml"
    other.write_text('[company]\nname = "株式会社ほか"\n', encoding="utf-8")
    [r] = ledgerkit.draft_po("orders.xlsx", row=5, template="po.html.j2", out_dir="out2", today=TODAY,
                             config=load_config(other))
    assert "株式会社ほか" in _po_html(r)


def test_without_a_file_the_defaults(tmp_path, monkeypatch):
    make_orders(tmp_path / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    # the defaults name no issuer: the draft says so, in Japanese (the default language)
    with pytest.raises(ConfigError, match=r"\[company\] に name"):
        ledgerkit.draft_po("orders.xlsx", row=5, template="po.html.j2", out_dir="out", today=TODAY)
    assert ledgerkit.config.config_or_found(None).data == Config().data


def test_check_invoices_speaks_the_project_language(project):
    inv = pd.DataFrame({
        "invoice_no": ["A-1"], "issue_date": [dt.date(2026, 11, 1)], "vendor": ["アルファ"],
        "net": pd.array([315], dtype="Int64"), "tax": pd.array([30], dtype="Int64"),
        "total": pd.array([345], dtype="Int64"), "tax_rate": [0.10],
        "source_file": ["a.xlsx"], "source_sheet": ["S"], "source_row": [2]})
    result = ledgerkit.check_invoices(inv, today=TODAY)
    assert result.meta.get("lang") == "en"
    assert Config().lang == "ja"


def test_ledger_uses_the_project_url(project):
    with ledgerkit.Ledger() as book:
        assert book.url == f"sqlite:///{(project / 'book.db').as_posix()}"
    # an explicit URL wins
    with ledgerkit.Ledger("sqlite://") as book:
        assert book.url == "sqlite://"


#: every public function taking config=None, with arguments it cannot get past the config with
CALLS = {
    "aggregate": lambda: ledgerkit.aggregate("x.xlsx"),
    "inspect": lambda: ledgerkit.inspect("x.xlsx"),
    "read_invoices": lambda: ledgerkit.read_invoices("x.xlsx"),
    "read_orders": lambda: ledgerkit.read_orders("x.xlsx"),
    "check_invoices": lambda: ledgerkit.check_invoices("x.xlsx"),
    "check_orders": lambda: ledgerkit.check_orders("x.xlsx"),
    "compare_budget": lambda: ledgerkit.compare_budget("b.xlsx", "h.xlsx", "r.xlsx"),
    "read_attendance": lambda: ledgerkit.read_attendance("x.xlsx"),
    "settle": lambda: ledgerkit.settle("a.xlsx", "c.xlsx"),
    "read_contracts": lambda: ledgerkit.read_contracts("c.xlsx"),
    "draft_ringi": lambda: ledgerkit.draft_ringi("x.xlsx", row=2, out_dir="out"),
    "draft_po": lambda: ledgerkit.draft_po("x.xlsx", row=2, out_dir="out"),
    "render": lambda: ledgerkit.render("ringi.md.j2", {}),
    "approval_route": lambda: ledgerkit.approval_route(100_000),
    "find_slots": lambda: ledgerkit.find_slots("x.ics", between="2026-12-07..2026-12-18"),
    "Ledger": lambda: ledgerkit.Ledger(),
    "read_report": lambda: ledgerkit.read_report("x.xlsx"),
    "triage": lambda: ledgerkit.triage("x.xlsx", "s.xlsx"),
}


def test_every_public_config_function_is_listed():
    import inspect

    taking = set()
    for name in ledgerkit.__all__[1:]:
        obj = getattr(ledgerkit, name)
        target = obj.__init__ if inspect.isclass(obj) else obj
        try:
            params = inspect.signature(target).parameters
        except (TypeError, ValueError):
            continue
        if params.get("config") is not None and params["config"].default is None:
            taking.add(name)
    taking.add("Ledger")  # takes a URL; without one, [ledger] url of the found config
    assert taking == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_public_function_reads_the_project_file(name, tmp_path, monkeypatch):
    (tmp_path / "ledgerkit.toml").write_text(BAD_TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as e:
        CALLS[name]()
    assert str(e.value).startswith(BAD_LINE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledgerkit.toml"]


# --- the issuer's 登録番号 -------------------------------------------------------------------


def test_config_load_refuses_an_issuer_number_that_is_not_one(tmp_path):
    path = tmp_path / "ledgerkit.toml"
    path.write_text('[company]\nname = "株式会社A"\nregistration_no = "T12-34"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(e.value) == (f"{path}:3: company.registration_no: 'T12-34' は登録番号 (T + 13桁) ではありません: "
                            "下書きに発行者として印刷する自社の登録番号です")


def test_an_issuer_number_failing_the_check_digit_is_a_warning_of_the_draft(tmp_path):
    """DOMAIN.md §3.4: a sole proprietor's number may not follow the corporate check digit, so a
    failed check is said (the draft's warnings, the manifest), never a refusal."""
    path = tmp_path / "ledgerkit.toml"
    path.write_text('[company]\nname = "株式会社A"\nregistration_no = "T1234567890123"\n', encoding="utf-8")
    config = load_config(path)
    src = make_orders(tmp_path / "orders.xlsx")
    [r] = ledgerkit.draft_po(src, row=5, template="po.html.j2", out_dir=tmp_path / "out", today=TODAY, config=config)
    assert r.path.exists()
    assert ("company.registration_no: T1234567890123 は検査用数字が合いません (T9234567890123 なら合います): "
            "下書きに発行者として印刷する自社の登録番号を確かめてください (個人事業者の番号は合わないことがあります。"
            "国税庁の公表サイトで確認できます)") in r.warnings


def test_draft_po_cli_refuses_a_bad_issuer_number(tmp_path, monkeypatch):
    (tmp_path / "ledgerkit.toml").write_text('[company]\nname = "株式会社A"\nregistration_no = "T12345"\n',
                                             encoding="utf-8")
    make_orders(tmp_path / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["draft-po", "orders.xlsx", "--row", "5", "-o", "out"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: ledgerkit.toml:3: company.registration_no: 'T12345' は登録番号 "
                                     "(T + 13桁) ではありません: 下書きに発行者として印刷する自社の登録番号です")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("number", "message"), [
    ("T870011000590", "company.registration_no: 'T870011000590' is not a registration number (T + 13 digits): "
                      "the drafts print it as the issuer's"),
    ("T８７００１１０００５９０", "company.registration_no: 'T８７００１１０００５９０' is not a registration number "
                                  "(T + 13 digits): the drafts print it as the issuer's"),
])
def test_draft_po_refuses_a_bad_issuer_number_given_as_a_dict(tmp_path, number, message):
    src = make_orders(tmp_path / "orders.xlsx")
    config = {"company": {**COMPANY["company"], "registration_no": number}, "report": {"lang": "en"}}
    with pytest.raises(ConfigError) as e:
        ledgerkit.draft_po(src, row=5, out_dir=tmp_path / "out", config=config)
    assert str(e.value) == message
    assert not (tmp_path / "out").exists()


def test_an_issuer_without_a_number_is_drafted(tmp_path):
    src = make_orders(tmp_path / "orders.xlsx")
    [r] = ledgerkit.draft_po(src, row=5, template="po.html.j2", out_dir=tmp_path / "out", today=TODAY,
                             config={"company": {"name": "株式会社A"}})
    assert r.ok and "株式会社A" in _po_html(r)


def test_a_config_changed_after_loading_names_its_source(tmp_path):
    path = tmp_path / "ledgerkit.toml"
    path.write_text('[company]\nname = "株式会社A"\nregistration_no = "T8700110005901"\n', encoding="utf-8")
    config = load_config(path)
    config.data["company"]["registration_no"] = "T870011000590"
    src = make_orders(tmp_path / "orders.xlsx")
    with pytest.raises(ConfigError) as e:
        ledgerkit.draft_po(src, row=5, out_dir=tmp_path / "out", config=config)
    assert str(e.value).startswith(f"{path}:3: company.registration_no: 'T870011000590' は登録番号 (T + 13桁) ではありません")
