"""ledgerkit.toml: defaults, validation with file:line:key, init, config show."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.config.checks import check_approval
from ledgerkit.config.defaults import APPROVAL, COMMENTS, defaults
from ledgerkit.config.loading import Config, key_lines, load_config
from ledgerkit.config.project import init_project
from ledgerkit.config.rendering import render_toml, setting_keys, show_config
from ledgerkit.core.errors import ConfigError

HERE = Path(__file__).parent
runner = CliRunner()


def write(tmp_path: Path, text: str, name: str = "ledgerkit.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text, "bad.toml")
    with pytest.raises(ConfigError) as e:
        load_config(path, lang="en")
    return str(e.value).replace(str(path), "bad.toml")


# --- the defaults gather every feature's settings -------------------------------------------------


def test_defaults_match_each_modules_own_defaults():
    from ledgerkit.rules import DEFAULT_MAX_DUE_DAYS, DEFAULT_PAYMENT_DAYS, ROUNDING_MODES
    from ledgerkit.drafts.approval import DEFAULT_APPROVAL
    from ledgerkit.drafts.po import DEFAULT_COMPANY
    from ledgerkit.settlement.settings import SETTLE_DEFAULTS

    d = defaults()
    assert d["approval"] == DEFAULT_APPROVAL
    assert d["settle"] == SETTLE_DEFAULTS
    assert d["company"] == DEFAULT_COMPANY
    assert d["invoices"]["max_due_days"] == DEFAULT_MAX_DUE_DAYS
    assert d["orders"]["payment_days"] == DEFAULT_PAYMENT_DAYS
    assert set(d["tax"]["rounding"].split()) <= set(ROUNDING_MODES)


def test_budget_defaults_match_the_budget_module():
    budget = pytest.importorskip("ledgerkit.budget")
    assert {k: defaults()["budget"][k] for k in budget.BUDGET_DEFAULTS} == budget.BUDGET_DEFAULTS


def test_column_synonyms_of_every_kind_come_from_their_readers():
    from ledgerkit.drafts.context import ORDER_FIELDS as DRAFT_ORDER_FIELDS
    from ledgerkit.drafts.context import RINGI_FIELDS
    from ledgerkit.kinds.invoices import INVOICE_FIELDS
    from ledgerkit.kinds.orders import ORDER_FIELDS
    from ledgerkit.kinds.contracts import CONTRACT_FIELDS

    columns = defaults()["columns"]
    assert columns["invoices"] == INVOICE_FIELDS
    assert columns["orders"] == ORDER_FIELDS  # check orders
    assert columns["po"] == DRAFT_ORDER_FIELDS  # draft-po: its own kind, so its field names never leak into check orders
    assert columns["ringi"] == RINGI_FIELDS
    assert columns["contracts"] == CONTRACT_FIELDS


def test_every_setting_has_a_comment_in_both_languages():
    missing = [k for k in setting_keys() if not k.startswith("columns.") and k not in COMMENTS]
    assert missing == []
    assert all(ja and en and ja != en for ja, en in COMMENTS.values())


def test_a_config_without_a_file_is_the_defaults(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config.data == defaults() and config.path is None and config.sources == {}
    assert config.lang == "ja" and config.source("tax.rounding") == "default"


# --- the file init writes loads back to the defaults ----------------------------------------------


def test_rendered_file_loads_back_to_every_default(tmp_path):
    text = render_toml()
    assert tomllib.loads(text)["approval"]["rules"] == APPROVAL["rules"]
    config = load_config(write(tmp_path, text))
    assert config.data == defaults()
    # every key written is attributed to its line
    assert config.source("budget.over") == f"{tmp_path / 'ledgerkit.toml'}:{key_lines(text)['budget.over']}"


def test_rendered_file_shows_builtin_synonyms_as_comments():
    text = render_toml()
    lines = text.splitlines()
    i = lines.index("[columns.invoices]")
    assert lines[i + 1].startswith("# 既定 / built-in: 請求書番号, ")
    assert "invoice_no = []" in lines[i + 2:i + 4]
    assert "# 決裁権限規程 (稟議の承認ルート)" in lines and "# Authority matrix (a ringi's approval route)" in lines


def test_init_writes_config_and_templates_and_never_overwrites(tmp_path):
    folder = tmp_path / "client-a"
    written = init_project(folder)
    names = sorted(p.relative_to(folder).as_posix() for p in written)
    assert names[0] == "ledgerkit.toml"
    assert {"templates/ringi.md.j2", "templates/po.xlsx", "templates/ringi.xlsx"} <= set(names)
    assert load_config(cwd=folder).data == defaults()
    (folder / "ledgerkit.toml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ledgerkit.toml はすでにあります \(ほか \d+ 件\)。何も書き出していません \(置き換えるには --force\)"):
        init_project(folder)
    with pytest.raises(ConfigError, match=r"ledgerkit.toml already exists \(and \d+ more\); nothing was written"):
        init_project(folder, lang="en")
    assert (folder / "ledgerkit.toml").read_text(encoding="utf-8") == "# mine\n"
    init_project(folder, force=True)
    assert load_config(cwd=folder).data == defaults()


def test_init_with_lang_en_sets_report_lang(tmp_path):
    init_project(tmp_path, lang="en")
    config = load_config(cwd=tmp_path)
    assert config.lang == "en" and config.source("report.lang").endswith("ledgerkit.toml:" + str(
        key_lines((tmp_path / "ledgerkit.toml").read_text(encoding="utf-8"))["report.lang"]))


def test_templates_dir_is_relative_to_the_config_file(tmp_path):
    init_project(tmp_path / "p")
    config = load_config(tmp_path / "p" / "ledgerkit.toml")
    assert config.templates_dir() == (tmp_path / "p" / "templates").resolve()
    gone = load_config(write(tmp_path, '[drafts]\ntemplates = "nowhere"\n'))
    assert gone.templates_dir() is None


# --- overriding and extending -----------------------------------------------------------------------


def test_file_values_override_and_record_their_line(tmp_path):
    path = write(tmp_path, '# c\n[fiscal_year]\nstart_month = 1\n\n[budget]\nwarning = 0.7\nover = 1\n')
    config = load_config(path)
    assert config.get("fiscal_year.start_month") == 1
    assert config.get("budget.over") == 1.0 and isinstance(config.get("budget.over"), float)
    assert config.sources == {
        "fiscal_year.start_month": f"{path}:3", "budget.warning": f"{path}:6", "budget.over": f"{path}:7",
    }


def test_column_lists_extend_the_builtins(tmp_path):
    config = load_config(write(tmp_path, '[columns.invoices]\nvendor = ["支払先名称"]\n[columns.hours]\nperson = []\n'))
    vendor = config.synonyms("invoices")["vendor"]
    assert vendor[0] == "支払先名称" and "取引先" in vendor
    assert config.synonyms("hours") == defaults()["columns"]["hours"]
    assert list(config.sources) == ["columns.invoices.vendor"]


def test_approval_rules_replace_the_default_matrix(tmp_path):
    from ledgerkit.drafts.approval import approval_route

    text = (
        '[approval.route_order]\npurchase = ["課長", "部長", "社長"]\n'
        '[[approval.rules]]\ncategory = "purchase"\nmin = 0\nmax = 300000\napprover = "課長"\n'
        '[[approval.rules]]\ncategory = "purchase"\nmin = 300000\napprover = "部長"\n'
        '[[approval.rules]]\ncategory = "contract"\nmin = 0\napprover = "社長"\n'
    )
    config = load_config(write(tmp_path, text))
    assert len(config.get("approval.rules")) == 3
    assert approval_route(299999, "購買", config) == ["課長"]
    assert approval_route(300000, "購買", config) == ["課長", "部長"]
    assert config.source("approval.rules[1]") == f"{tmp_path / 'ledgerkit.toml'}:8"


# --- refusals name file, line and key -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[budget]\nwarnig = 0.7\n", "bad.toml:2: budget.warnig: unknown setting (known here: over, rounding, warning)"),
        ("[buget]\nwarning = 0.7\n", "bad.toml:1: buget: unknown setting (known here: "),
        ("[tax]\nrate = \"10%\"\n", "bad.toml:2: tax.rate: must be a number, not a string"),
        ("[read]\njobs = 2.5\n", "bad.toml:2: read.jobs: must be an integer, not a number"),
        ("[read]\ninclude_hidden = 1\n", "bad.toml:2: read.include_hidden: must be true/false, not an integer"),
        ("report = \"en\"\n", "bad.toml:1: report: must be a table ([report]), not a string"),
        ("[report]\nlang = \"fr\"\n", "bad.toml:2: report.lang: must be one of ja, en, not 'fr'"),
        ("[fiscal_year]\n\nstart_month = 13\n", "bad.toml:3: fiscal_year.start_month: must be a month, 1 to 12, not 13"),
        ("[fiscal_year]\nstart_month = 0\n", "bad.toml:2: fiscal_year.start_month: must be a month, 1 to 12, not 0"),
        ("[tax]\nrounding = \"nearest\"\n", "bad.toml:2: tax.rounding: must be one of down, half_up, up, not 'nearest'"),
        ("[tax]\nrounding_required = \"切り捨て\"\n",
         "bad.toml:2: tax.rounding_required: must be one of down, half_up, up or \"\" (none), not '切り捨て'"),
        ("[budget]\nrounding = \"round\"\n", "bad.toml:2: budget.rounding: must be one of down, half_up, up, not 'round'"),
        ("[budget]\nwarning = 1.2\n",
         "bad.toml:2: budget.warning: the warning threshold 1.2 is above the over threshold 1.0 (budget.over)"),
        ("[budget]\nwarning = 0.0\n", "bad.toml:2: budget.warning: must be above 0, not 0.0"),
        ("[settle]\nmethod = \"上下割\"\n", "bad.toml:2: settle.method: must be one of updown, middle, fixed, not '上下割'"),
        ("[settle]\nrate_rounding = \"適当\"\n", "bad.toml:2: settle.rate_rounding: "),
        ("[columns.invoice]\nvendor = [\"x\"]\n", "bad.toml:1: columns.invoice: unknown kind (known: attendance, budget, contracts, hours, invoices, orders, po, rates, requests, ringi, staff, vendors)"),
        ("[columns.invoices]\nvendr = [\"x\"]\n", "bad.toml:2: columns.invoices.vendr: unknown field (fields of invoices: invoice_no, "),
        ("[columns.hours]\nperson = \"氏名\"\n",
         "bad.toml:2: columns.hours.person: must be a list of header texts, like [\"取引先名\", \"支払先\"]"),
        ("[approval.route_order]\npurchase = []\n",
         "bad.toml:2: approval.route_order.purchase: must be a list of approver titles, lowest first, like [\"課長\", \"部長\"]"),
        ("[approval]\ndefault_category = \"購買\"\n",
         "bad.toml:2: approval.default_category: '購買' is not a category of approval.route_order (purchase, contract)"),
        ("[approval.category_names]\n\"役務\" = \"service\"\n",
         "bad.toml:2: approval.category_names.役務: 'service' is not a category of approval.route_order"),
        ("[[approval.rules]]\ncategory = \"purchase\"\nmin = 0\nmaximum = 5\napprover = \"課長\"\n",
         "bad.toml:4: approval.rules[0].maximum: unknown key (allowed: category, min, max, approver)"),
        ("[[approval.rules]]\ncategory = \"purchase\"\nmin = 0.5\napprover = \"課長\"\n",
         "bad.toml:3: approval.rules[0].min: must be an integer, not a number"),
        ("[orders]\nterms = \"shitauke_3jo\"\n",
         "bad.toml:2: orders.terms: no written-terms list named 'shitauke_3jo' (known: "),
        ("[tax]\nrate = \n", "bad.toml:2: not valid TOML: Invalid value (column 8)"),
    ],
)
def test_refusals_name_file_line_and_key(tmp_path, text, expected):
    assert error_of(tmp_path, text).startswith(expected)


def _rules(*rules: str) -> str:
    head = '[approval]\nco_approval = []\n'
    return head + "".join(f"[[approval.rules]]\n{r}\n" for r in rules)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # a gap between 100000 and 200000
        (['category = "purchase"\nmin = 0\nmax = 100000\napprover = "課長"',
          'category = "purchase"\nmin = 200000\napprover = "部長"',
          'category = "contract"\napprover = "社長"'],
         "bad.toml:8: approval.rules[1]: purchase: no rule decides amounts from 100000 to 200000 yen (gap after approval.rules[0])"),
        # an overlap
        (['category = "purchase"\nmin = 0\nmax = 100000\napprover = "課長"',
          'category = "purchase"\nmin = 50000\napprover = "部長"',
          'category = "contract"\napprover = "社長"'],
         "bad.toml:8: approval.rules[1]: purchase: approval.rules[1] (from 50000 yen) overlaps approval.rules[0] (below 100000 yen)"),
        # nothing from 0
        (['category = "purchase"\nmin = 1\napprover = "課長"', 'category = "contract"\napprover = "社長"'],
         "bad.toml:3: approval.rules[0]: purchase: no rule decides amounts below 1 yen"),
        # a top rule with an upper bound
        (['category = "purchase"\nmax = 100000\napprover = "課長"', 'category = "contract"\napprover = "社長"'],
         "bad.toml:3: approval.rules[0]: purchase: no rule decides amounts of 100000 yen and above (leave max out of the top rule)"),
        # two open-ended rules
        (['category = "purchase"\napprover = "課長"', 'category = "purchase"\nmin = 10\napprover = "部長"',
          'category = "contract"\napprover = "社長"'],
         "bad.toml:6: approval.rules[1]: purchase: approval.rules[1] (from 10 yen) overlaps approval.rules[0] (with no upper bound)"),
        # approver not on the route
        (['category = "purchase"\napprover = "係長"', 'category = "contract"\napprover = "社長"'],
         "bad.toml:3: approval.rules[0]: 係長 is not in approval.route_order.purchase"),
        # min not below max
        (['category = "purchase"\nmin = 5\nmax = 5\napprover = "課長"', 'category = "contract"\napprover = "社長"'],
         "bad.toml:3: approval.rules[0]: min (5) must be 0 or more and below max (5)"),
        (['approver = "課長"'], "bad.toml:3: approval.rules[0]: category is required"),
        # rules for contracts only: a request without 区分 (the default category) has no decider
        (['category = "contract"\napprover = "社長"'], "bad.toml:3: approval.rules: no rule decides purchase requests (approval.default_category)"),
    ],
)
def test_authority_matrix_gaps_and_overlaps_are_refused(tmp_path, rules, expected):
    assert error_of(tmp_path, _rules(*rules)) == expected


def test_default_matrix_has_no_problem_and_every_rule_order_is_checked():
    assert check_approval(copy.deepcopy(APPROVAL)) == []
    shuffled = copy.deepcopy(APPROVAL)
    shuffled["rules"].reverse()
    assert check_approval(shuffled) == []


def test_unreadable_config_files(tmp_path):
    with pytest.raises(ConfigError, match=r"missing.toml: config file not found"):
        load_config(tmp_path / "missing.toml", lang="en")
    with pytest.raises(ConfigError, match=r"missing.toml: 設定ファイルがありません"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "sjis.toml"
    bad.write_bytes("[report]\nlang = \"日本\"\n".encode("shift_jis"))
    with pytest.raises(ConfigError, match=r"sjis.toml: cannot read the config file \(UnicodeDecodeError\); save it as UTF-8"):
        load_config(bad, lang="en")
    with pytest.raises(ConfigError, match=r"is a folder, not a config file"):
        load_config(tmp_path, lang="en")


def test_key_lines_track_tables_arrays_and_quoted_keys():
    text = (
        '[approval.category_names]\n"購買" = "purchase"\n'
        '[[approval.rules]]\nmin = 0\n[[approval.rules]]\nmax = 1  # note\n'
        '[columns.hours]\nperson = ["a",\n  "b"]\nnote = []\n'
    )
    lines = key_lines(text)
    assert lines["approval.category_names.購買"] == 2
    assert lines["approval.rules[0].min"] == 4 and lines["approval.rules[1].max"] == 6
    assert lines["approval.rules"] == 3
    assert lines["columns.hours.person"] == 8 and lines["columns.hours.note"] == 10


# --- config show ------------------------------------------------------------------------------------


def test_show_config_gives_value_and_source_per_setting(tmp_path):
    path = write(tmp_path, '[budget]\nwarning = 0.75\n[columns.invoices]\nvendor = ["支払先名称"]\n')
    text = show_config(load_config(path))
    assert f"warning = 0.75  # {path}:2" in text
    assert "over = 1.0  # default" in text
    assert 'vendor = ["支払先名称", "取引先", ' in text and f"# {path}:4" in text
    assert '"購買" = "purchase"  # default' in text
    assert '[[approval.rules]]  # default' in text
    # what it prints is a config file that loads to the same settings
    assert load_config(write(tmp_path, text, "again.toml")).data == load_config(path).data


def test_show_config_marks_lang_given_on_the_command_line():
    config = Config()
    config.data["report"]["lang"] = "en"
    config.sources["report.lang"] = "--lang"
    assert 'lang = "en"  # --lang' in show_config(config)


# --- CLI -----------------------------------------------------------------------------------------------


def test_cli_init_then_refuse_then_force(tmp_path):
    folder = tmp_path / "client-a"
    result = runner.invoke(app, ["init", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().startswith(f"Wrote {folder / 'ledgerkit.toml'} and ")
    assert result.stdout == ""
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 2
    assert again.stderr.strip().startswith(f"Error: {folder / 'ledgerkit.toml'} はすでにあります (ほか ")
    assert again.stderr.strip().endswith("。何も書き出していません (置き換えるには --force)")
    forced = runner.invoke(app, ["init", str(folder), "--force"])
    assert forced.exit_code == 0
    assert forced.stderr.startswith(f"{folder / 'ledgerkit.toml'} を作成し、テンプレート ")


def test_cli_init_refuses_a_file_as_folder(tmp_path):
    target = write(tmp_path, "x", "notes.txt")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert result.stderr.strip() in (
        f"Error: {target}: ファイルです (フォルダではありません)",  # ledgerkit's own check
        f"Error: DIRECTORY {target}: ファイルです (フォルダを指定してください) (ledgerkit init -h で使い方を表示)",  # Typer's
    ), result.stderr


def test_cli_config_show(tmp_path):
    path = write(tmp_path, '[report]\nlang = "en"\n')
    result = runner.invoke(app, ["config", "show", "--config", str(path)])
    assert result.exit_code == 0
    assert f'lang = "en"  # {path}:2' in result.stdout
    assert result.stderr.strip() == f"Settings from: {path}"
    tomllib.loads(result.stdout)


def test_cli_config_show_bad_file_is_one_line_exit_2(tmp_path):
    path = write(tmp_path, "[budget]\nover = 0.5\n")
    result = runner.invoke(app, ["config", "show", "--config", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {path}:2: budget.over: 超過の閾値 0.5 が注意の閾値 0.8 (budget.warning) を下回っています"
    )
    english = runner.invoke(app, ["config", "show", "--config", str(path), "--lang", "en"])
    assert english.exit_code == 2
    assert english.stderr.strip() == (
        f"Error: {path}:2: budget.over: the over threshold 0.5 is below the warning threshold 0.8 (budget.warning)"
    )


def test_config_errors_follow_the_files_own_language(tmp_path):
    path = write(tmp_path, '[report]\nlang = "en"\n[fiscal_year]\nstart_month = 13\n')
    with pytest.raises(ConfigError, match=r":4: fiscal_year.start_month: must be a month, 1 to 12, not 13$"):
        load_config(path)
    with pytest.raises(ConfigError, match=r":4: fiscal_year.start_month: 1〜12 の月にしてください \(13 ではなく\)$"):
        load_config(path, lang="ja")
    with pytest.raises(ConfigError, match=r"ja.toml:7: approval.rules\[1\]: purchase: 100000 円から 120000 円までの金額を決める規則がありません"):
        load_config(write(tmp_path, _rules(
            'category = "purchase"\nmax = 100000\napprover = "課長"', 'category = "purchase"\nmin = 120000\napprover = "部長"',
            'category = "contract"\napprover = "社長"'), "ja.toml"))


def test_a_po_column_synonym_reaches_draft_po(tmp_path):
    """[columns.po] extends the header texts draft-po reads (a client calling the order number 発注伝票No)."""
    import openpyxl

    from ledgerkit.drafts import draft_po

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["発注伝票No", "発注日", "取引先", "品名", "数量", "単価", "金額", "納期", "納品場所", "支払期日", "支払方法"])
    ws.append(["PO-9", "2026-11-01", "株式会社アルファ", "部品", 2, 1000, 2000, "2026-11-20", "本社", "2026-12-20", "振込"])
    book.save(tmp_path / "orders.xlsx")
    text = '[company]\nname = "株式会社テスト"\n[drafts]\npo_terms = ""\n[columns.po]\norder_no = ["発注伝票No"]\n'
    config = load_config(write(tmp_path, text))
    results = draft_po(tmp_path / "orders.xlsx", all=True, out_dir=tmp_path / "out", config=config, template="po.html.j2")
    assert [(r.key, r.status) for r in results] == [("PO-9", "written")]


def test_draft_commands_use_the_projects_edited_templates(tmp_path, monkeypatch):
    """After init, editing templates/ringi.md.j2 in the project changes the drafts made there."""
    examples = HERE.parent / "examples"
    init_project(tmp_path / "proj")
    template = tmp_path / "proj" / "templates" / "ringi.md.j2"
    template.write_text("# 当社様式\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "proj")
    result = runner.invoke(app, ["draft-ringi", str(examples / "requests.xlsx"), "--row", "4", "-o", "out", "--lang", "en"])
    assert result.exit_code == 0, result.output
    (draft,) = (tmp_path / "proj" / "out").glob("*.md")
    assert draft.read_text(encoding="utf-8").startswith("# 当社様式")
    # from elsewhere, with --config pointing at the project, the same template is used
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draft-ringi", str(examples / "requests.xlsx"), "--row", "4", "-o", "out2",
                                 "--config", str(tmp_path / "proj" / "ledgerkit.toml")])
    assert result.exit_code == 0, result.output
    (draft,) = (tmp_path / "out2").glob("*.md")
    assert draft.read_text(encoding="utf-8").startswith("# 当社様式")
