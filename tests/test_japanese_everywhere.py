"""Japanese mode is Japanese everywhere (issue 15, "Messages and help"): every error path of
every command that a test can reach cheaply, run under the default language, prints its lines
on stderr with no English sentence in them (paths, options, command examples, settings and
codes aside). The ``Error:`` prefix stays as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from sheets import make_xlsx
from test_drafts_po import make_orders

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"
runner = CliRunner()

# what may be ASCII in a Japanese line: quoted values, command examples, paths and file names,
# options, TOML tables and keys, codes, placeholders
_NOT_WORDS = [
    r"'[^']*'|\"[^\"]*\"",
    r"ledgerkit(?: [a-z][a-z-]*)+(?: --?[a-z][a-z-]*(?: [A-Za-z0-9_.<>-]+)?)*",
    r"[^\s()、。,:]*[/\\][^\s()、。,]*",
    r"\S+\.(?:xlsx|xlsm|xls|ods|csv|json|toml|ics|j2|docx|txt|pdf|db)\b",
    r"--?[A-Za-z][\w-]*",
    r"\[[^\]]*\]",
    r"\{[^}]*\}",
    r"\b\w+(?:[._]\w+)+\b",
]
_ENGLISH = re.compile(r"[A-Za-z]+(?: [A-Za-z]+){2,}")


def english_sentences(stderr: str) -> list[str]:
    """The lines of ``stderr`` holding a run of three or more ASCII words once paths, options,
    command examples, settings and codes are taken out (the ``Error:`` prefix too)."""
    found = []
    for line in stderr.splitlines():
        rest = line.removeprefix("Error: ")
        for pattern in _NOT_WORDS:
            rest = re.sub(pattern, " ", rest)
        if _ENGLISH.search(rest):
            found.append(line)
    return found


@pytest.mark.parametrize(("line", "english"), [
    ("Error: --today must be a date like 2026-11-30, not 'x'", True),
    ("Error: refusing to write /tmp/a.csv: it is the list the drafts are made from", True),
    ("Error: template not found: nope.j2 (bundled: po.docx, ringi.md.j2)", True),
    ("Error: no attendance rows found (check the files with: ledgerkit inspect --kind attendance)", True),
    ("Error: 勤務表の行が1行もありません (ledgerkit inspect --kind attendance でファイルを確認できます)", False),
    ("Error: bad.toml:2: budget.warning: 数値で書いてください (文字列ではなく)", False),
    ("Error: --kind は auto, hours, invoices, attendance のどれかです ('nope' ではなく)", False),
    ("Error: /tmp/My Documents/a b.xlsx: そのようなファイルやフォルダはありません", False),
    ("Error: ~$orders.xlsx: 読むファイルがありません — orders.xlsx は Excel で開かれています", False),
])
def test_the_detector(line, english):
    assert bool(english_sentences(line)) is english


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ja")
    (d / "empty").mkdir()
    (d / "notes.txt").write_text("メモ", encoding="utf-8")
    (d / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    make_orders(d / "orders.xlsx")
    (d / "~$orders.xlsx").write_bytes(b"\x00lock")
    make_xlsx(d / "blank.xlsx", {"Sheet1": [["メモ"], ["なにもない"]]})
    (d / "req.csv").write_text("申請番号,件名,金額\nR-1,テスト,1000\n", encoding="utf-8-sig")
    (d / "manifest.csv").write_text("申請番号,件名,金額\nR-1,テスト,1000\n", encoding="utf-8-sig")
    (d / "bad.toml").write_text('[budget]\nwarning = "high"\n', encoding="utf-8")
    (d / "broken.toml").write_text("[budget\n", encoding="utf-8")
    (d / "unknown.toml").write_text("[nope]\nx = 1\n", encoding="utf-8")
    (d / "company.toml").write_text('[company]\nname = "株式会社A"\n', encoding="utf-8")
    (d / "issuer.toml").write_text('[company]\nname = "株式会社A"\nregistration_no = "T12345"\n',
                                   encoding="utf-8")
    return d


ATT, CON = f"{EX}/attendance/勤務表", f"{EX}/attendance/契約一覧.xlsx"

#: (id, arguments, exit code); run in the folder of ``inputs``
CASES = [
    # missing paths, wrong extensions, folders with no list, lock files, unreadable files
    ("aggregate-missing", "aggregate missing.xlsx", 2),
    ("aggregate-empty-folder", "aggregate empty", 2),
    ("aggregate-wrong-extension", "aggregate notes.txt", 2),
    ("aggregate-lock-file", "aggregate ~$orders.xlsx", 2),
    ("aggregate-no-list", "aggregate blank.xlsx", 2),
    ("aggregate-not-a-workbook", "aggregate fake.xlsx", 2),
    ("inspect-missing", "inspect missing.xlsx", 2),
    ("inspect-empty-folder", "inspect empty", 2),
    ("settle-missing", "settle missing.xlsx -c c.xlsx", 2),
    ("settle-no-contract-list", "settle orders.xlsx -c orders.xlsx", 2),
    ("check-invoices-missing", "check invoices missing.xlsx", 2),
    ("check-invoices-no-list", "check invoices blank.xlsx", 2),
    ("check-invoices-lock-file", "check invoices ~$orders.xlsx", 2),
    ("check-orders-no-list", "check orders blank.xlsx", 2),
    ("check-orders-empty-folder", "check orders empty", 2),
    ("draft-ringi-missing", "draft-ringi missing.xlsx --row 2", 2),
    ("draft-ringi-no-list", "draft-ringi orders.xlsx --row 2", 2),
    ("draft-ringi-lock-file", "draft-ringi ~$orders.xlsx --row 2", 2),
    ("draft-po-no-list", "draft-po blank.xlsx --row 2", 2),
    ("schedule-missing", "schedule missing.ics", 2),
    ("schedule-empty-folder", "schedule empty", 2),
    ("triage-missing", "triage missing.xlsx --staff s.xlsx", 2),
    ("triage-no-list", "triage blank.xlsx --staff blank.xlsx", 2),
    ("budget-missing", "budget missing.xlsx --hours h --rates r.xlsx", 2),
    ("budget-no-list", "budget blank.xlsx --hours empty --rates blank.xlsx", 2),
    ("record-missing", "record missing.xlsx", 2),
    ("record-not-a-report", "record orders.xlsx", 2),
    # unknown option values
    ("aggregate-kind", "aggregate orders.xlsx --kind nope", 2),
    ("aggregate-by", "aggregate orders.xlsx --by nope", 2),
    ("aggregate-lang", "aggregate orders.xlsx --lang fr", 2),
    ("aggregate-jobs", "aggregate orders.xlsx --jobs 0", 2),
    ("aggregate-no-such-option", "aggregate orders.xlsx --bogus", 2),
    ("init-lang", "init . --lang fr", 2),
    ("init-a-file", "init notes.txt", 2),
    ("kinds-show", "kinds show nope", 2),
    ("check-invoices-today", "check invoices orders.xlsx --today tomorrow", 2),
    ("check-invoices-rounding", "check invoices orders.xlsx --rounding banker", 2),
    ("check-orders-terms", "check orders orders.xlsx --terms nope", 2),
    ("settle-month-format", f"settle {ATT} -c {CON} --month 10月", 2),
    ("settle-month-empty", f"settle {ATT} -c {CON} --month 2030-01", 2),
    ("settle-no-attendance", f"settle {CON} -c {CON}", 2),
    ("schedule-between", "schedule --between nonsense", 2),
    ("schedule-duration", "schedule --duration abc", 2),
    ("schedule-hours", "schedule --hours 25:00-26:00", 2),
    ("schedule-tz", "schedule --tz Nowhere/City", 2),
    ("triage-as-of", "triage orders.xlsx --staff orders.xlsx --as-of nonsense", 2),
    ("budget-through", "budget blank.xlsx --hours blank.xlsx --rates blank.xlsx --through 2026-13", 2),
    ("history-from", "history hours --from 2026-13", 2),
    ("diff-since", "diff --since nonsense", 2),
    ("diff-no-run", "diff 1 2", 2),
    ("findings-status", "findings --status nope", 2),
    ("findings-resolve-nothing", "findings resolve", 2),
    ("findings-resolve-unknown", "findings resolve 999", 2),
    ("draft-ringi-manifest", "draft-ringi req.csv --all --manifest xml", 2),
    # choosing rows: out of range, a bad --where, none chosen
    ("draft-po-row-out-of-range", "draft-po orders.xlsx --row 99", 2),
    ("draft-po-row-header", "draft-po orders.xlsx --row 1", 2),
    ("draft-po-where-no-match", "draft-po orders.xlsx --where 注文番号=PO-9", 2),
    ("draft-po-where-form", "draft-po orders.xlsx --where nonsense", 2),
    ("draft-po-where-column", "draft-po orders.xlsx --where 色=赤", 2),
    ("draft-po-no-row", "draft-po orders.xlsx", 2),
    ("draft-po-sheet", "draft-po orders.xlsx --row 5 --sheet nope", 2),
    ("draft-po-no-issuer", "draft-po orders.xlsx --row 5 -o out-a", 2),
    # drafts: template, file name pattern, output
    ("draft-po-template", "draft-po orders.xlsx --row 5 --template nope.j2 --config company.toml", 2),
    ("draft-po-name-braces", "draft-po orders.xlsx --row 5 --name { --config company.toml -o out-b", 2),
    ("draft-po-name-field", "draft-po orders.xlsx --row 5 --name {nope} --config company.toml -o out-c", 2),
    ("draft-ringi-field-missing", "draft-ringi req.csv --row 2 -o out-d --template ringi.md.j2", 2),
    ("draft-ringi-stdout", "draft-ringi req.csv --row 2 -o -", 2),
    ("draft-ringi-manifest-is-source", "draft-ringi manifest.csv --all -o .", 2),
    ("draft-po-issuer-number", "draft-po orders.xlsx --row 5 --config issuer.toml -o out-e", 2),
    # bad configs
    ("config-wrong-type", "aggregate orders.xlsx --config bad.toml", 2),
    ("config-not-toml", "aggregate orders.xlsx --config broken.toml", 2),
    ("config-unknown-setting", "config show --config unknown.toml", 2),
    ("config-missing", "aggregate orders.xlsx --config missing.toml", 2),
    ("config-a-folder", "config show --config empty", 2),
    # outputs
    ("output-over-an-input", "aggregate orders.xlsx -o orders.xlsx", 2),
    ("output-type", "aggregate orders.xlsx -o out.txt", 2),
    ("output-no-folder", "aggregate orders.xlsx -o nofolder/out.xlsx", 2),
    ("no-such-command", "agregate orders.xlsx", 2),
    ("not-a-number", "draft-po orders.xlsx --row abc", 2),
    ("not-a-number-short", "schedule -n abc", 2),
    ("extra-argument", "draft-po orders.xlsx --row 5 extra", 2),
]


@pytest.mark.parametrize(("args", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_lines_are_japanese(inputs, monkeypatch, args, code):
    monkeypatch.chdir(inputs)
    r = runner.invoke(app, args.split(), prog_name="ledgerkit")
    assert r.exit_code == code, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error: ")]
    assert errors, r.stderr
    assert english_sentences(r.stderr) == []
    # the same path with --lang en is English (the catalogue has both)
    if "--lang" not in args:
        en = runner.invoke(app, [*args.split(), "--lang", "en"], prog_name="ledgerkit")
        assert en.exit_code == code, en.stderr


def test_every_command_has_a_case():
    commands = {"aggregate", "inspect", "settle", "check", "draft-ringi", "draft-po", "schedule", "triage",
                "budget", "init", "config", "record", "history", "diff", "findings", "kinds"}
    assert commands <= {c[1].split()[0] for c in CASES}
