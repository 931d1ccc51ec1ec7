"""``[kinds.NAME]`` in ledgerkit.toml (issue 16): a bad declaration is one line naming file:line and key,
in the file's language; a built-in kind's additions reach its reader; init, config show and the
reference in docs/config.md say how."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ledgerkit.config.defaults import defaults
from ledgerkit.config.loading import load_config
from ledgerkit.config.project import init_project
from ledgerkit.config.rendering import EXAMPLE_KIND, render_toml, show_config
from ledgerkit.core.errors import ConfigError

SALES = """\
[kinds.sales]
label = "支店別売上"
fields.branch = { type = "text", synonyms = ["支店", "支店名", "営業所"], required = true }
fields.month  = { type = "month", synonyms = ["年月", "対象月", "月"], required = true }
fields.amount = { type = "yen", synonyms = ["売上", "売上高", "売上金額(円)"], required = true }
by = "branch,month"
"""


def write(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str, lang: str = "en") -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_config(path, lang=lang)
    line = str(e.value)
    assert "\n" not in line
    return line.replace(str(path), "bad.toml")


def test_the_issues_example_loads(tmp_path):
    config = load_config(write(tmp_path, SALES, "ledgerkit.toml"))
    spec = config.kind("sales")
    assert spec.names == ("branch", "month", "amount") and spec.by == ("branch", "month")
    assert config.kind_names() == ["hours", "invoices", "attendance", "sales"]
    assert config.sources["kinds.sales"].endswith("ledgerkit.toml:1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SALES.replace('type = "month"', 'type = "months"'),
         "bad.toml:4: kinds.sales.fields.month.type: must be one of text, int, yen, decimal, hours, date, month, rate, "
         "code, not 'months'"),
        (SALES.replace('synonyms = ["年月", "対象月", "月"], ', ""),
         'bad.toml:4: kinds.sales.fields.month.synonyms: must list the header texts the column may have, '
         'like synonyms = ["支店", "支店名"]'),
        (SALES.replace('by = "branch,month"', 'by = "branch,period"'),
         "bad.toml:6: kinds.sales.by: no field 'period' (fields: branch, month, amount)"),
        (SALES + 'sum = "branch"\n', "bad.toml:7: kinds.sales.sum: 'branch' is a text field (sum takes int, yen, decimal and hours fields)"),
        ('[kinds.sales]\nby = "branch"\n\n[kinds.sales.fields.branch]\ntype = "text"\nsynonyms = ["支店"]\npattern = "[A-"\n',
         "bad.toml:7: kinds.sales.fields.branch.pattern: not a regular expression ("),
        ('[kinds.sales.fields.branch]\ntype = "text"\nsynonyms = ["支店"]\nunique = "yes"\n',
         "bad.toml:4: kinds.sales.fields.branch.unique: must be true/false, not a string"),
        ('[kinds.sales.fields.amount]\ntype = "yen"\nsynonyms = ["売上"]\nmin = "zero"\n',
         "bad.toml:4: kinds.sales.fields.amount.min: 'zero' is not a yen value"),
        ('[kinds.sales]\nlabel = "売上"\n', 'bad.toml:1: kinds.sales.fields: declare at least one field, like fields.amount'),
        ('[kinds.orders]\nfields.x = { synonyms = ["x"] }\n',
         "bad.toml:1: kinds.orders: orders is the name of order lists (check orders; --orders of check invoices): choose another name"),
        ('[kinds.auto]\nfields.x = { synonyms = ["x"] }\n',
         "bad.toml:1: kinds.auto: auto is the name of --kind auto (the kind found per sheet): choose another name"),
        ('[kinds.hours]\nfields.hours = { type = "decimal" }\n',
         "bad.toml:2: kinds.hours.fields.hours.type: the built-in kind hours reads this as 'hours': it cannot be changed"),
        ('[kinds.hours]\nfields.person.synonyms = "要員"\n',
         'bad.toml:2: kinds.hours.fields.person.synonyms: must be a list of header texts, like ["取引先名", "支払先"]'),
        ('[kinds.hours]\nby = "client"\n', "bad.toml:2: kinds.hours.by: no field 'client' (fields: date, person, "),
        ('kinds = 3\n', "bad.toml:1: kinds: must be a table ([kinds.<name>]), not an integer"),
    ],
)
def test_a_bad_declaration_is_one_line_with_file_line_and_key(tmp_path, text, expected):
    assert error_of(tmp_path, text).startswith(expected)


def test_the_line_follows_the_files_language(tmp_path):
    text = SALES.replace('by = "branch,month"', 'by = "branch,period"')
    assert error_of(tmp_path, text, lang="ja") == (
        "bad.toml:6: kinds.sales.by: 'period' という項目はありません (項目: branch, month, amount)")
    assert error_of(tmp_path, '[report]\nlang = "ja"\n' + SALES.replace("yen", "円"), lang=None) == (
        "bad.toml:7: kinds.sales.fields.amount.type: text, int, yen, decimal, hours, date, month, rate, code "
        "のどれかにしてください ('円' ではなく)")


def test_each_bad_declaration_of_a_file_is_named_where_it_is(tmp_path):
    # two kinds, the second one bad: the line is the second one's
    text = SALES + '\n[kinds.assets]\nfields.no = { type = "code", synonyms = ["資産番号"], unique = true }\nby = "place"\n'
    assert error_of(tmp_path, text) == "bad.toml:10: kinds.assets.by: no field 'place' (fields: no)"


def test_a_builtin_kinds_synonyms_extend_like_columns(tmp_path):
    config = load_config(write(tmp_path, '[kinds.hours]\nfields.person.synonyms = ["要員"]\n'
                                         'fields.client = { type = "code", synonyms = ["顧客コード"] }\n'
                                         '[columns.hours]\nproject = ["業務"]\n', "ledgerkit.toml"))
    assert config.synonyms("hours")["person"][0] == "要員"
    assert config.sources["columns.hours.person"].endswith(":2")
    spec = config.kind("hours")
    assert spec.field("person").synonyms[0] == "要員" and spec.field("project").synonyms[0] == "業務"
    assert spec.field("client").type == "code"
    # the data as loaded shows both, and what the other readers see is unchanged
    assert config.synonyms("invoices") == defaults()["columns"]["invoices"]


def test_config_show_prints_declared_kinds_with_where_they_are(tmp_path):
    path = write(tmp_path, SALES, "ledgerkit.toml")
    text = show_config(load_config(path))
    assert f"[kinds.sales]  # {path}:1" in text
    again = write(tmp_path, text, "again.toml")
    assert load_config(again).kind("sales") == load_config(path).kind("sales")


def test_init_writes_a_commented_example_kind_that_works_once_uncommented(tmp_path):
    written = init_project(tmp_path / "p")
    text = written[0].read_text(encoding="utf-8")
    assert "# [kinds.sales]" in text
    # the file as written is the defaults (the example is a comment) ...
    assert load_config(written[0]).data == defaults()
    # ... and the example, uncommented, is a kind
    assert all(f"# {line}" in text for line in EXAMPLE_KIND.splitlines())
    lines = [line for line in EXAMPLE_KIND.splitlines() if re.match(r"^(\[|[a-z.]+ = )", line)]
    example = write(tmp_path, "\n".join(lines) + "\n", "example.toml")
    spec = load_config(example).kind("sales")
    assert spec.by == ("branch", "month") and spec.key == ("branch", "month")


def test_rendered_defaults_still_load_back():
    assert tomllib.loads(render_toml())["kinds"] == {}
