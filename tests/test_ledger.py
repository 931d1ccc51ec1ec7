"""The ledger on both databases (SQLite and a throwaway PostgreSQL cluster, tests/pgcluster.py).

Worked example: 山田's October hours workbook has 18 days of 7.0 h on A-1001 (126.0 h) and
one meeting row; the revised workbook books 10.5 h on one of those days (129.5 h).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

import ledgerkit
from ledgerkit.core.errors import LedgerError
from ledgerkit.core.issues import Issue
from ledgerkit.ledger import schema
from ledgerkit.ledger.store import migrate, open_engine
from sheets import make_xlsx

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src"
HEADER = ["日付", "氏名", "案件", "作業", "時間"]


def hours_book(path: Path, person: str, year: int, month: int, a1001: list[float], *, bad: str | None = None) -> Path:
    """A long-table hours workbook: one A-1001 row per value, then a meeting row (and a bad cell)."""
    rows = [HEADER]
    for day, hours in enumerate(a1001, start=1):
        rows.append([dt.date(year, month, day), person, "A-1001", "開発", hours])
    rows.append([dt.date(year, month, 28), person, "0012", "定例会議", 1.0])
    if bad is not None:
        rows.append([dt.date(year, month, 27), person, "0012", "定例会議", bad])
    return make_xlsx(path, {f"{month}月": rows})


def aggregate(*paths: Path):
    return ledgerkit.aggregate([str(p) for p in paths], kind="hours", jobs=1)


def table_count(url: str, table: sa.Table) -> int:
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    finally:
        engine.dispose()


@pytest.fixture
def yamada(tmp_path) -> Path:
    return hours_book(tmp_path / "工数_2026年10月_山田.xlsx", "山田", 2026, 10, [7.0] * 18)


def test_record_then_record_again_changes_nothing(ledger_url, tmp_path, yamada):
    sato = hours_book(tmp_path / "工数_2026年10月_佐藤.xlsx", "佐藤", 2026, 10, [8.0] * 5)
    result = aggregate(yamada, sato)
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path, user="tester") as ledger:
        first = ledger.record(result, command="ledgerkit aggregate --record")
        assert (first.run, first.files, first.rows_added) == (1, {"工数_2026年10月_山田.xlsx": "new",
                                                                  "工数_2026年10月_佐藤.xlsx": "new"}, 25)
        rows_before = table_count(ledger_url, schema.rows)
        again = ledger.record(aggregate(yamada, sato))
        assert again.unchanged and again.run is None
        assert again.lines("en") == ["Nothing new for the ledger: all 2 files are as already recorded"]
        assert again.lines("ja") == ["台帳は変わりません: 2 ファイルとも記録済みの内容と同じです"]
        runs = ledger.runs()
    assert runs[["run", "who", "kind", "files_new", "rows_added"]].values.tolist() == [[1, "tester", "hours", 2, 25]]
    assert table_count(ledger_url, schema.rows) == rows_before == 25


def test_a_changed_file_supersedes_its_month_and_says_what_changed(ledger_url, tmp_path, yamada):
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(yamada))
        hours_book(yamada, "山田", 2026, 10, [7.0] * 17 + [10.5])
        later = ledger.record(aggregate(yamada))
        assert later.run == 2 and later.files == {"工数_2026年10月_山田.xlsx": "changed"}
        assert later.lines("ja")[1] == "  山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)"
        assert later.lines("en")[0] == ("Recorded in the ledger (run #2): files 0 new, 1 changed, 0 unchanged; "
                                        "rows +1 / -1")  # by content, as diff counts them (trial 3)
        now = ledger.history("hours", by=["person", "project"])
        assert now.to_dict("records") == [{"person": "山田", "project": "0012", "2026-10": 1.0, "total": 1.0},
                                          {"person": "山田", "project": "A-1001", "2026-10": 129.5, "total": 129.5}]
        changes = ledger.diff(1, 2)
        assert changes[["file", "who", "month", "item", "change", "added", "removed", "before", "after", "delta"]
                       ].values.tolist() == [["工数_2026年10月_山田.xlsx", "山田", "2026-10", "A-1001", "changed", 1, 1,
                                              Decimal("126.0"), Decimal("129.5"), Decimal("3.5")]]
        # the earlier version is kept: the ledger as of run 1 still says 126.0
        assert ledger.diff(2, 1)["after"].tolist() == [Decimal("126.0")]


def test_a_file_reused_for_the_next_month_keeps_the_earlier_month(ledger_url, tmp_path):
    book = tmp_path / "工数_山田.xlsx"
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(hours_book(book, "山田", 2026, 10, [7.0] * 18)))
        ledger.record(aggregate(hours_book(book, "山田", 2026, 11, [8.0] * 2)))
        table = ledger.history("hours", by="person", start="2026-10", end="2026-11")
    assert table.to_dict("records") == [{"person": "山田", "2026-10": 127.0, "2026-11": 17.0, "total": 144.0}]


def test_a_date_typo_fixed_removes_the_stray_month(ledger_url, tmp_path):
    book = tmp_path / "工数_山田.xlsx"
    rows = [HEADER, [dt.date(2026, 10, 1), "山田", "A-1001", "開発", 7.0], [dt.date(2026, 11, 2), "山田", "A-1001", "開発", 5.0]]
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(make_xlsx(book, {"10月": rows})))
        rows[2][0] = dt.date(2026, 10, 2)
        ledger.record(aggregate(make_xlsx(book, {"10月": rows})))
        table = ledger.history("hours", by="person")
    assert table.to_dict("records") == [{"person": "山田", "2026-10": 12.0, "total": 12.0}]


def test_resolved_finding_stays_handled_until_its_source_changes(ledger_url, tmp_path, yamada):
    book = hours_book(yamada, "山田", 2026, 10, [7.0] * 18, bad="午後半休")
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path, user="鈴木") as ledger:
        first = ledger.record(aggregate(book))
        assert first.findings[["status", "code", "excel_row"]].values.tolist() == [["new", "bad_cell", 21]]
        open_ = ledger.findings()
        assert open_[["status", "code", "file", "row"]].values.tolist() == [["open", "bad_cell", str(book), 21]]
        done = ledger.resolve(int(open_["id"][0]), note="本人に確認済み")
        assert done[["status", "handled_by", "note"]].values.tolist() == [["handled", "鈴木", "本人に確認済み"]]
        assert ledger.findings().empty
        # the same problem in the same content: handled, not new
        again = ledger.record(aggregate(book))
        assert again.unchanged and again.findings["status"].tolist() == ["handled"]
        assert again.lines("en")[-1] == "Findings: 1 — 0 new, 0 still open, 1 handled (対応済), 0 re-opened"
        # the source changed (another row), the problem is still there: re-opened
        hours_book(book, "山田", 2026, 10, [7.0] * 17 + [8.0], bad="午後半休")
        changed = ledger.record(aggregate(book))
        assert changed.findings["status"].tolist() == ["reopened"]
        assert ledger.findings()[["status", "handled_by"]].values.tolist() == [["reopened", "鈴木"]]


def test_resolve_by_rule_and_an_unknown_finding(ledger_url, tmp_path, yamada):
    book = hours_book(yamada, "山田", 2026, 10, [7.0], bad="=8")
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(book))
        with pytest.raises(LedgerError, match="no such finding: #999"):
            ledger.resolve(999, lang="en")
        assert ledger.resolve(rule="bad_cell", note="ok")["code"].tolist() == ["bad_cell"]
        assert ledger.findings("handled")["code"].tolist() == ["bad_cell"]


def test_diff_since_last_close(ledger_url, tmp_path, yamada):
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(yamada))
        with pytest.raises(LedgerError, match="no close recorded yet"):
            ledger.diff(since="last-close", lang="en")
        close = ledger.mark_close("10月締め")
        assert close == 2
        assert ledger.diff(since="last-close").empty
        sato = hours_book(tmp_path / "工数_佐藤.xlsx", "佐藤", 2026, 10, [8.0] * 2)
        ledger.record(aggregate(sato))
        since = ledger.diff(since="last-close")
    assert since[["who", "item", "change", "added", "after"]].values.tolist() == [
        ["佐藤", "0012", "added", 1, Decimal("1")], ["佐藤", "A-1001", "added", 2, Decimal("16")]]


def test_a_report_read_back_is_the_run_it_came_from(ledger_url, tmp_path, yamada):
    result = aggregate(hours_book(yamada, "山田", 2026, 10, [7.0] * 18, bad="午後半休"))
    report = tmp_path / "report.xlsx"
    result.write(report)
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        from_report = ledger.record(ledgerkit.read_report(report))
        assert from_report.run == 1 and from_report.rows_added == 19
        assert from_report.findings["code"].tolist() == ["bad_cell"]
        live = ledger.record(result)
    assert live.unchanged


def test_history_of_invoices_in_yen_and_an_unknown_field(ledger_url, tmp_path):
    book = make_xlsx(tmp_path / "請求書一覧.xlsx", {"10月": [
        ["請求書番号", "発行日", "取引先", "登録番号", "税抜金額", "消費税", "税込金額"],
        ["INV-1", dt.date(2026, 10, 31), "株式会社アルファ", "T8700110005901", 480000, 48000, 528000],
        ["INV-2", dt.date(2026, 11, 30), "株式会社アルファ", "T8700110005901", 100001, 10000, 110001],
    ]})
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(ledgerkit.aggregate([str(book)], kind="invoices", jobs=1))
        table = ledger.history("invoices")
        net = ledger.history("invoices", field="net")
        with pytest.raises(LedgerError, match="invoices rows have no field grade"):
            ledger.history("invoices", by="grade", lang="en")
    assert table.to_dict("records") == [{"vendor": "株式会社アルファ", "2026-10": 528000, "2026-11": 110001, "total": 638001}]
    assert net["total"].tolist() == [580001]


def test_migrations_build_the_schema_the_code_reads(ledger_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = open_engine(ledger_url)
    try:
        assert migrate(engine) == "0002"
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    finally:
        engine.dispose()


def test_a_ledger_from_a_newer_ledgerkit_is_refused(ledger_url):
    engine = open_engine(ledger_url)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(LedgerError, match="schema version 9999, written by a newer ledgerkit"):
        ledgerkit.Ledger(ledger_url)


def test_migration_from_the_first_schema_on_a_populated_ledger(ledger_url):
    """A ledger written at schema 0001 (no resolutions, no run notes) is upgraded in place on open."""
    engine = open_engine(ledger_url)
    assert migrate(engine, "0001") == "0001"
    at = dt.datetime(2026, 10, 31, 9, 0, tzinfo=dt.timezone.utc)
    counts = dict.fromkeys(["files_new", "rows_added", "findings_new"], 1)
    with engine.begin() as conn:
        t = {name: sa.table(name, *[sa.column(c) for c in cols]) for name, cols in {
            "runs": ["id", "at", "who", "command", "kind", "settings", "version", "files_new", "files_changed",
                     "files_unchanged", "rows_added", "rows_removed", "findings_new"],
            "sources": ["id", "key"], "file_versions": ["id", "source_id", "sha256", "size", "mtime", "path", "first_run"],
            "slices": ["id", "kind", "source_id", "version_id", "period", "digest", "n_rows", "from_run", "to_run"],
            "rows": ["id", "slice_id", "sheet", "excel_row", "person", "project", "month", "hours", "amount", "data"],
            "run_files": ["run_id", "version_id", "status"],
            "findings": ["id", "fingerprint", "kind", "code", "severity", "scope", "source_key", "file", "sheet",
                         "excel_row", "column_name", "value", "ref", "params", "source_sha", "first_run", "last_run"],
        }.items()}
        conn.execute(t["runs"].insert().values(id=1, at=at, who="前任者", command="ledgerkit aggregate", kind="hours",
                                               settings="{}", version="0.1.0", files_changed=0, files_unchanged=0,
                                               rows_removed=0, **counts))
        conn.execute(t["sources"].insert().values(id=1, key="工数_山田.xlsx"))
        conn.execute(t["file_versions"].insert().values(id=1, source_id=1, sha256="a" * 64, size=1, mtime=at,
                                                        path="工数_山田.xlsx", first_run=1))
        conn.execute(t["slices"].insert().values(id=1, kind="hours", source_id=1, version_id=1, period="2026-10",
                                                 digest="d" * 64, n_rows=1, from_run=1, to_run=None))
        conn.execute(t["rows"].insert().values(id=1, slice_id=1, sheet="10月", excel_row=2, person="山田",
                                               project="A-1001", month="2026-10", hours="126.0", amount=None,
                                               data='{"hours":126,"person":"山田"}'))
        conn.execute(t["run_files"].insert().values(run_id=1, version_id=1, status="new"))
        conn.execute(t["findings"].insert().values(
            id=1, fingerprint="f" * 64, kind="hours", code="bad_cell", severity="error", scope="cell",
            source_key="工数_山田.xlsx", file="工数_山田.xlsx", sheet="10月", excel_row=3, column_name="時間",
            value="午後半休", ref="", params='{"field": "工数", "value": "午後半休"}', source_sha="a" * 64, first_run=1, last_run=1))
    engine.dispose()
    with ledgerkit.Ledger(ledger_url, user="後任者") as ledger:
        assert ledger.revision == "0002"
        assert ledger.runs()[["run", "who", "note"]].values.tolist() == [[1, "前任者", ""]]
        assert ledger.history("hours", by="person").to_dict("records") == [{"person": "山田", "2026-10": 126.0,
                                                                             "total": 126.0}]
        assert ledger.findings()[["id", "status", "message"]].values.tolist() == [
            [1, "open", "工数を読み取れません: '午後半休'"]]
        assert ledger.resolve(1, note="引継ぎ時に確認")["handled_by"].tolist() == ["後任者"]


# --- processes: killed halfway, and two at once ------------------------------------------------

RECORDER = textwrap.dedent("""
    import json, os, sys, time
    import pandas as pd
    import ledgerkit
    from ledgerkit.core.result import Result
    from ledgerkit.ledger import recording

    url, base, who, go, marker = sys.argv[1:6]
    files = sys.argv[6:]
    if marker != "-":
        def stop_here():
            open(marker, "w").close()
            time.sleep(120)
        recording.HOOKS["rows_written"] = stop_here
    if files and files[0].startswith("rows:"):
        n = int(files[0][5:])
        frame = pd.DataFrame({"person": [f"p{i % 50}" for i in range(n)], "project": "A-1001", "month": "2026-10",
                              "hours": 1.5, "source_file": "big.xlsx", "source_sheet": "10月",
                              "source_row": range(2, n + 2)})
        result = Result("hours", frame)
    else:
        result = ledgerkit.aggregate(files, kind="hours", jobs=1)
    while go != "-" and not os.path.exists(go):
        time.sleep(0.01)
    with ledgerkit.Ledger(url, base_dir=base, user=who) as ledger:
        done = ledger.record(result)
    print(json.dumps({"run": done.run, "files": done.files}))
""")


def recorder(url: str, base: Path, who: str, *files: str, go: str = "-", marker: str = "-") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", RECORDER, url, str(base), who, go, marker, *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_process_killed_while_recording_leaves_the_ledger_as_it_was(ledger_url, tmp_path, yamada):
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(yamada))
    rows_before = table_count(ledger_url, schema.rows)
    marker = tmp_path / "halfway"
    proc = recorder(ledger_url, tmp_path, "killed", "rows:12000", marker=str(marker))
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the recorder never reached its hook"
        time.sleep(0.02)
    # 5,000 of 12,000 rows are written in the open transaction: kill it there
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        assert ledger.runs()["run"].tolist() == [1]
        assert table_count(ledger_url, schema.rows) == rows_before == 19
        assert table_count(ledger_url, schema.sources) == 1
        # and the lock is free: the next recording goes through (PostgreSQL's sequences are not
        # transactional: the killed run's number is not used again)
        assert ledger.record(aggregate(hours_book(tmp_path / "b.xlsx", "佐藤", 2026, 10, [1.0]))).run in (2, 3)
        assert len(ledger.runs()) == 2


@pytest.mark.parametrize("same", [True, False], ids=["same-files", "different-files"])
def test_two_processes_recording_at_the_same_moment(ledger_url, tmp_path, yamada, same):
    sato = hours_book(tmp_path / "工数_2026年10月_佐藤.xlsx", "佐藤", 2026, 10, [8.0] * 5)
    go = tmp_path / "go"
    first = recorder(ledger_url, tmp_path, "A", str(yamada), go=str(go))
    second = recorder(ledger_url, tmp_path, "B", str(yamada if same else sato), go=str(go))
    time.sleep(1.5)  # both have read their workbooks and wait at the line
    go.touch()
    outs = []
    for proc in (first, second):
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    runs = sorted(o["run"] for o in outs if o["run"] is not None)
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        table = ledger.history("hours", by="person")
        recorded = ledger.runs()
    if same:
        # one recorded, the other found it already there
        assert runs == [1] and len(recorded) == 1
        assert table.to_dict("records") == [{"person": "山田", "2026-10": 127.0, "total": 127.0}]
    else:
        assert runs == [1, 2] and sorted(recorded["who"]) == ["A", "B"]
        assert table.to_dict("records") == [{"person": "佐藤", "2026-10": 41.0, "total": 41.0},
                                            {"person": "山田", "2026-10": 127.0, "total": 127.0}]
    assert table_count(ledger_url, schema.rows) == (19 if same else 25)


def test_reading_a_ledger_not_made_yet_makes_no_file(tmp_path, yamada):
    """Asking used to create ledger.db (connecting to SQLite makes the file): reads now answer as an
    empty ledger without touching the disk, diff and resolve say there is no ledger, the first record makes it."""
    from ledgerkit.ledger.asking import FINDING_COLUMNS, RUN_COLUMNS

    path = tmp_path / "ledger.db"
    line = f"no ledger yet ({path}): one is made by --record on aggregate, check, budget or settle, or by ledgerkit record REPORT"
    with ledgerkit.Ledger("ledger.db", base_dir=tmp_path) as ledger:
        assert (ledger.exists, ledger.revision, ledger.missing_line("en")) == (False, None, line)
        assert list(ledger.runs().columns) == RUN_COLUMNS and ledger.runs().empty
        assert list(ledger.findings("all").columns) == FINDING_COLUMNS and ledger.findings("all").empty
        assert ledger.history("hours", by="person").columns.tolist() == ["person", "total"]
        assert ledger.history("hours", by="person").empty
        with pytest.raises(LedgerError) as no_diff:
            ledger.diff(lang="en")
        with pytest.raises(LedgerError) as no_resolve:
            ledger.resolve(1, lang="en")
        assert str(no_diff.value) == str(no_resolve.value) == line
        assert sorted(p.name for p in tmp_path.iterdir()) == [yamada.name]
        assert ledger.record(aggregate(yamada)).run == 1
        assert (ledger.exists, ledger.revision, ledger.missing_line("en")) == (True, "0002", None)
        assert path.is_file() and ledger.runs()["run"].tolist() == [1]


def test_a_server_ledger_is_opened_as_before_and_a_missing_file_is_not_made(ledger_url):
    """A PostgreSQL URL is not a file: its database exists and opening it brings the schema up to date, as before."""
    with ledgerkit.Ledger(ledger_url) as ledger:
        server = ledger_url.startswith("postgresql")
        assert (ledger.exists, ledger.revision) == ((True, "0002") if server else (False, None))
        assert ledger.runs().empty and ledger.findings().empty
    assert server or not Path(ledger_url.removeprefix("sqlite:///")).exists()


def test_a_finding_with_an_empty_part_reads_back_without_none(ledger_url, tmp_path, yamada):
    # tax_mismatch's {how} is "" when no rounding mode is known; the ledger stores "" as null
    result = aggregate(yamada)
    result.issues.append(Issue("tax_mismatch", str(yamada), "10月", 5, severity="error", params={
        "tax": "12,000", "net": "123,456", "rate": "10%", "expected": "12,345 円", "expected_en": "12,345",
        "how": "", "how_en": ""}))
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(result)
        found = ledger.findings()
        found_en = ledger.findings(lang="en")
    tax = found[found["code"] == "tax_mismatch"]["message"].tolist()
    assert tax == ["消費税額 12,000 円が 税抜 123,456 円 × 10% と合いません (正しくは 12,345 円)"]
    assert found_en[found_en["code"] == "tax_mismatch"]["message"].tolist() == [
        "tax 12,000 does not match net 123,456 × 10% (expected 12,345)"]


def test_a_copy_of_a_recorded_file_is_not_counted_twice(ledger_url, tmp_path, yamada):
    # 工数_…_山田 - コピー.xlsx kept "just in case" and recorded in a later run: the same content as a
    # file the ledger holds. Before, history counted its 127 h twice (254 h).
    copy = tmp_path / "工数_2026年10月_山田 - コピー.xlsx"
    copy.write_bytes(yamada.read_bytes())
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(yamada))
        later = ledger.record(aggregate(copy))
        assert later.files == {"工数_2026年10月_山田 - コピー.xlsx": "copy"}
        assert later.copies == {"工数_2026年10月_山田 - コピー.xlsx": "工数_2026年10月_山田.xlsx"}
        assert later.rows_added == 0
        assert "  工数_2026年10月_山田 - コピー.xlsx: 工数_2026年10月_山田.xlsx と同じ内容のため記録しません (二重に数えません)" \
            in later.lines("ja")
        assert ("  工数_2026年10月_山田 - コピー.xlsx: the same content as 工数_2026年10月_山田.xlsx, not recorded "
                "(nothing counted twice)") in later.lines("en")
        assert ledger.history("hours", by=["person"]).to_dict("records") == [
            {"person": "山田", "2026-10": 127.0, "total": 127.0}]
        # the original changed afterwards: it supersedes its own month; the copy still adds nothing
        hours_book(yamada, "山田", 2026, 10, [7.0] * 17 + [10.5])
        assert ledger.record(aggregate(yamada)).files == {"工数_2026年10月_山田.xlsx": "changed"}
        assert ledger.history("hours", by=["person"])["total"].tolist() == [130.5]
        # an edited copy is no copy: its content is its own
        hours_book(copy, "山田", 2026, 10, [7.0] * 18)
        assert ledger.record(aggregate(copy)).files == {"工数_2026年10月_山田 - コピー.xlsx": "new"}
        assert ledger.history("hours", by=["person"])["total"].tolist() == [137.5]


def test_an_edited_copy_recorded_later_counts_its_repeats_once(ledger_url, tmp_path, yamada):
    # October recorded from 山田's workbook (18 × 7.0 h + a 1.0 h meeting = 127 h); in November an
    # edited copy is recorded alone: two days corrected to 7.5 h, the rest as before. Before, history
    # said 255 h (both files whole); now the 17 unchanged entries count once and the two corrected
    # days count in both places, as `ledgerkit aggregate` of the two files counts them, and are said.
    copy = hours_book(tmp_path / "工数_2026年10月_山田 - コピー.xlsx", "山田", 2026, 10, [7.0] * 16 + [7.5, 7.5])
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(yamada))
        later = ledger.record(aggregate(copy))
        assert later.files == {"工数_2026年10月_山田 - コピー.xlsx": "new"}
        [overlap] = later.overlaps
        assert (overlap.file, overlap.other, overlap.period, overlap.same, overlap.differ) == (
            "工数_2026年10月_山田 - コピー.xlsx", "工数_2026年10月_山田.xlsx", "2026-10", 17, 2)
        assert overlap.example == "山田 2026-10-17 A-1001 開発 7 → 7.5"
        lines = later.lines("ja")
        assert ("  工数_2026年10月_山田 - コピー.xlsx の 2026-10: 工数_2026年10月_山田.xlsx から記録済みの記入と同じ 17 行は"
                "一度だけ数えます (修正したコピーなら、正しい方だけを置いてください)") in lines
        assert ("  工数_2026年10月_山田 - コピー.xlsx の 2026-10: 工数_2026年10月_山田.xlsx と同じ日・案件で時間の違う記入が 2 行"
                "あります (例: 山田 2026-10-17 A-1001 開発 7 → 7.5)。両方を数えています: 正しい方だけを記録してください") in lines
        # 127 + 7.5 + 7.5 by the indexed columns and by a field only the JSON holds
        assert ledger.history("hours", by=["person"])["total"].tolist() == [142.0]
        by_task = ledger.history("hours", by=["task"]).set_index("task")["total"].to_dict()
        assert by_task == {"開発": 141.0, "定例会議": 1.0}
        # the original recorded again, unchanged: nothing new, the totals as they were
        assert ledger.record(aggregate(yamada)).unchanged
        assert ledger.history("hours", by=["person"])["total"].tolist() == [142.0]


def test_two_equal_rows_of_one_file_stay_two_and_a_copy_adds_none(ledger_url, tmp_path):
    # a day booked twice to one project in one sheet (two tasks written alike) is two entries of that
    # file; an edited copy holding them twice too adds none of them
    a = make_xlsx(tmp_path / "a.xlsx", {"10月": [HEADER, [dt.date(2026, 10, 1), "山田", "A-1001", "開発", 2.0],
                                                  [dt.date(2026, 10, 1), "山田", "A-1001", "開発", 2.0]]})
    b = make_xlsx(tmp_path / "b.xlsx", {"10月": [HEADER, [dt.date(2026, 10, 1), "山田", "A-1001", "開発", 2.0],
                                                  [dt.date(2026, 10, 1), "山田", "A-1001", "開発", 2.0],
                                                  [dt.date(2026, 10, 2), "山田", "A-1001", "開発", 3.0]]})
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(a))
        assert ledger.history("hours", by=["person"])["total"].tolist() == [4.0]
        later = ledger.record(aggregate(b))
        assert [(o.same, o.differ) for o in later.overlaps] == [(2, 0)]
        assert ledger.history("hours", by=["person"])["total"].tolist() == [7.0]


def test_rows_of_other_kinds_held_twice_are_said_and_both_counted():
    # a declared 経費 list: two people's equal lines are two expenses, so the ledger only says so
    from ledgerkit.ledger.outcome import Recording
    from ledgerkit.ledger.repeats import Overlap

    done = Recording(run=3, kind="expenses", files={"b.xlsx": "new"},
                     overlaps=[Overlap("b.xlsx", "a.xlsx", "2026-10", same=4)])
    assert done.lines("ja")[1] == ("  b.xlsx の 2026-10: a.xlsx から記録済みの行と同じ内容の 4 行があります "
                                   "(両方を数えています: 二重なら片方だけを記録してください)")
    assert done.lines("en")[1] == ("  b.xlsx, 2026-10: 4 rows with the same content as rows recorded from a.xlsx "
                                   "(both counted: if they are the same, record one)")


def test_an_entry_with_the_same_hours_and_another_note_is_a_repeat_not_a_disagreement(ledger_url, tmp_path):
    # the copy adds a 備考 to one day: the same entry and hours (aggregate's repeat), so it counts
    # once and is no "other hours" line (it was said as 7 → 7 and counted twice)
    rows = [["日付", "氏名", "案件", "作業", "時間", "備考"]] + [
        [dt.date(2026, 10, d), "山田", "A-1001", "開発", 7.0, ""] for d in (1, 2)]
    a = make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    rows[1][5] = "客先常駐"
    b = make_xlsx(tmp_path / "b.xlsx", {"10月": rows})
    with ledgerkit.Ledger(ledger_url, base_dir=tmp_path) as ledger:
        ledger.record(aggregate(a))
        later = ledger.record(aggregate(b))
        assert [(o.same, o.differ) for o in later.overlaps] == [(2, 0)]
        assert ledger.history("hours", by=["person"])["total"].tolist() == [14.0]
        assert ledger.history("hours", by=["task"])["total"].tolist() == [14.0]
