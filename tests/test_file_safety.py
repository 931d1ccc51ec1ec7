"""File safety, one rule for every command and for the library (issue 15): a file already
there is kept unless ``--force`` (``overwrite=True``) — one line naming it and ``--force``,
exit 2, the file byte for byte unchanged — and a missing output folder is created."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.core.errors import OutputError
from ledgerkit.reports.output import atomic_output

from test_drafts_ringi import make_requests

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()
#: what a person saved by hand where the report goes (a note in the margin of last month's)
ANNOTATED = b"PK\x03\x04 annotated by hand: keep me"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def exists_line(path, lang: str) -> str:
    if lang == "en":
        return f"Error: {path} already exists: add --force to replace it\n"
    return f"Error: {path} はすでにあります: 置き換えるには --force を付けてください\n"


#: every command writing a report with -o, on the examples (the refusal comes before any reading)
REPORTS = {
    "aggregate": ["aggregate", EXAMPLES / "hours"],
    "check-orders": ["check", "orders", EXAMPLES / "po_list.xlsx"],
    "check-invoices": ["check", "invoices", EXAMPLES / "invoices", "--orders", EXAMPLES / "po_list.xlsx",
                       "--today", "2026-11-30"],
    "triage": ["triage", EXAMPLES / "triage" / "依頼一覧.xlsx", "--staff", EXAMPLES / "triage" / "担当者一覧.xlsx",
               "--as-of", "2026-12-02 10:00"],
}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_kept_without_force(name, lang, tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(ANNOTATED)
    r = run(*REPORTS[name], "-o", target, "--lang", lang)
    assert r.exit_code == 2, r.output
    assert r.stderr == exists_line(target, lang)
    assert target.read_bytes() == ANNOTATED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


@pytest.mark.parametrize("force", ["--force", "-f"])
def test_report_replaced_with_force(force, tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(ANNOTATED)
    r = run(*REPORTS["check-orders"], "-o", target, force)
    assert r.exit_code == 1, r.output  # the examples' planted findings
    assert r.stderr.splitlines()[-1] == f"{target} を書き出しました"
    assert target.read_bytes()[:4] == b"PK\x03\x04" and target.read_bytes() != ANNOTATED
    assert pd.read_excel(target, sheet_name=None, engine="openpyxl")  # a whole workbook


def test_report_folder_created_parents_too(tmp_path):
    target = tmp_path / "月次" / "2026年11月" / "orders.csv"
    r = run(*REPORTS["check-orders"], "-o", target)
    assert r.exit_code == 1, r.output
    assert target.read_bytes().startswith("\ufeff".encode())
    assert [p.name for p in target.parent.iterdir()] == ["orders.csv"]


def test_ledger_table_kept_without_force(tmp_path):
    config = tmp_path / "ledgerkit.toml"
    config.write_text(f'[ledger]\nurl = "sqlite:///{tmp_path / "ledger.db"}"\n', encoding="utf-8")
    target = tmp_path / "runs.csv"
    target.write_bytes(ANNOTATED)
    r = run("runs", "-o", target, "--config", config, "--lang", "en")
    assert (r.exit_code, r.stderr) == (2, exists_line(target, "en"))
    assert target.read_bytes() == ANNOTATED
    assert run("runs", "-o", target, "--config", config, "--force").exit_code == 0
    assert target.read_bytes() != ANNOTATED


def test_schedule_draft_kept_without_force(tmp_path):
    draft = tmp_path / "日程調整.txt"
    draft.write_bytes(ANNOTATED)
    args = ["schedule", EXAMPLES / "calendars", "--between", "2026-12-07..2026-12-18",
            "--required", "佐藤部長,鈴木課長", "--draft", draft]
    r = run(*args)
    assert (r.exit_code, r.stderr) == (2, exists_line(draft, "ja"))
    assert draft.read_bytes() == ANNOTATED
    assert run(*args, "--force").exit_code == 0
    assert draft.read_text(encoding="utf-8").startswith("件名：お打ち合わせ日程のご相談")


# --- the library: the same defaults, the same lines ------------------------------------------


def test_result_write_keeps_a_file_unless_overwrite(tmp_path):
    result = ledgerkit.check_orders(EXAMPLES / "po_list.xlsx")
    target = tmp_path / "orders.xlsx"
    target.write_bytes(ANNOTATED)
    with pytest.raises(OutputError) as err:
        result.write(target, lang="en")
    assert str(err.value) == f"{target} already exists: add --force to replace it"
    assert target.read_bytes() == ANNOTATED
    result.write(target, overwrite=True)
    assert target.read_bytes() != ANNOTATED
    made = tmp_path / "new" / "folder" / "orders.json"
    assert result.write(made) == made and made.is_file()


def test_a_file_that_appears_during_the_write_is_kept(tmp_path):
    """Checked again at the rename, without a race (os.link makes the name only if free)."""
    target = tmp_path / "rows.csv"
    with pytest.raises(OutputError) as err:
        with atomic_output(target, lang="en") as tmp:
            tmp.write_text("ours")
            target.write_bytes(ANNOTATED)  # a person saving from Excel meanwhile
    assert str(err.value) == f"{target} already exists: add --force to replace it"
    assert target.read_bytes() == ANNOTATED
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def _default(func, name="overwrite"):
    return inspect.signature(func).parameters[name].default


def test_library_defaults_equal_the_cli():
    from ledgerkit.consolidate.aggregate import write_result
    from ledgerkit.core.result import Result
    from ledgerkit.drafts import render_docx, render_xlsx
    from ledgerkit.drafts.pdf import convert_to_pdf
    from ledgerkit.reports.frames import write_frame
    from ledgerkit.reports.xlsx_report import XlsxReport
    from ledgerkit.scheduling.message import write_request

    library = {f.__qualname__: _default(f) for f in (
        Result.write, ledgerkit.draft_ringi, ledgerkit.draft_po, write_frame, XlsxReport.__init__, atomic_output,
        write_result, write_request, convert_to_pdf, ledgerkit.render, render_docx, render_xlsx)}
    assert set(library.values()) == {False}, library
    # every command that writes (-o, --output-dir, --draft) has --force / -f, off by default
    command = typer.main.get_command(app)
    writers = {}
    for name, cmd in _commands(command):
        names = {opt for p in cmd.params for opt in getattr(p, "opts", [])}
        if names & {"--output", "--output-dir", "--draft"}:
            force = next(p for p in cmd.params if "--force" in p.opts)
            writers[name] = (sorted(force.opts), force.default)
    assert {"aggregate", "check invoices", "check orders", "budget", "settle", "triage", "schedule", "history",
            "diff", "runs", "findings", "draft-ringi", "draft-po"} <= set(writers), sorted(writers)
    assert set(map(repr, writers.values())) == {repr((["--force", "-f"], False))}, writers
    init = dict(_commands(command))["init"]
    assert [(sorted(p.opts), p.default) for p in init.params if "--force" in p.opts] == [(["--force", "-f"], False)]


def _commands(group, prefix=""):
    """Every command and group (``findings`` writes with -o before its ``resolve``)."""
    for name, cmd in getattr(group, "commands", {}).items():
        yield f"{prefix}{name}", cmd
        yield from _commands(cmd, f"{prefix}{name} ")


# --- drafts --------------------------------------------------------------------------------


@pytest.fixture
def requests_xlsx(tmp_path) -> Path:
    return make_requests(tmp_path / "requests.xlsx")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_draft_kept_without_force(requests_xlsx, tmp_path, lang):
    out = tmp_path / "新しい" / "フォルダ"  # made, parents too
    assert run("draft-ringi", requests_xlsx, "--row", "4", "-o", out).exit_code == 0
    draft = (out / "R-2026-001_ノートPC購入の件.md").resolve()
    draft.write_bytes(ANNOTATED)
    r = run("draft-ringi", requests_xlsx, "--row", "4", "-o", out, "--lang", lang)
    assert (r.exit_code, r.stderr) == (2, exists_line(draft, lang))
    assert draft.read_bytes() == ANNOTATED
    r = run("draft-ringi", requests_xlsx, "--row", "4", "-o", out, "-f")
    assert r.exit_code == 0 and draft.read_text(encoding="utf-8").startswith("#")


def test_a_run_with_drafts_already_there_writes_nothing(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "R-2026-002_会議室モニター購入の件.md"
    kept.write_bytes(ANNOTATED)
    r = run("draft-ringi", requests_xlsx, "--all", "-o", out, "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == exists_line(kept.resolve(), "en")
    assert sorted(p.name for p in out.iterdir()) == [kept.name] and kept.read_bytes() == ANNOTATED


def test_the_manifest_is_kept_before_the_list_is_read(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.csv").write_bytes(ANNOTATED)
    r = run("draft-ringi", tmp_path / "not-read-yet.xlsx", "--all", "-o", out)
    assert (r.exit_code, r.stderr) == (2, exists_line(out / "manifest.csv", "ja"))
    assert (out / "manifest.csv").read_bytes() == ANNOTATED


def test_a_failed_draft_under_force_leaves_no_stale_file(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    plain = tmp_path / "plain.md.j2"
    plain.write_text("# {{ subject }}\n", encoding="utf-8")
    # last run: every request drafted (this template does not use 目的, empty on row 7)
    assert run("draft-ringi", requests_xlsx, "--all", "--template", plain, "-o", out).exit_code == 0
    stale = out / "R-2026-004_会計ソフト_追加ライセンスの件.md"
    assert stale.is_file()
    # this run: row 7 fails; its previous draft goes, so nothing stale looks current
    r = run("draft-ringi", requests_xlsx, "--all", "-o", out, "--force")
    assert r.exit_code == 2
    assert not stale.exists()
    manifest = pd.read_csv(out / "manifest.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    row = manifest.set_index("key").loc["R-2026-004"]
    assert (row["status"], row["file"]) == ("error", "")
    assert sorted(p.name for p in out.iterdir()) == sorted(["manifest.csv", *manifest.loc[manifest.status == "written", "file"]])
    # one draft asked for (no manifest): the same
    assert run("draft-ringi", requests_xlsx, "--row", "7", "--template", plain, "-o", out, "-f").exit_code == 0
    assert stale.is_file()
    assert run("draft-ringi", requests_xlsx, "--row", "7", "-o", out, "-f").exit_code == 2
    assert not stale.exists()


def test_library_drafts_keep_files_by_default(requests_xlsx, tmp_path):
    first = ledgerkit.draft_ringi(requests_xlsx, row=4, out_dir=tmp_path / "d")
    path = first[0].path
    path.write_bytes(ANNOTATED)
    with pytest.raises(OutputError) as err:
        ledgerkit.draft_ringi(requests_xlsx, row=4, out_dir=tmp_path / "d", config={"report": {"lang": "en"}})
    assert str(err.value) == f"{path} already exists: add --force to replace it"
    assert path.read_bytes() == ANNOTATED
    assert ledgerkit.draft_ringi(requests_xlsx, row=4, out_dir=tmp_path / "d", overwrite=True)[0].ok
    assert path.read_bytes() != ANNOTATED
    assert os.listdir(tmp_path / "d") == [path.name]
