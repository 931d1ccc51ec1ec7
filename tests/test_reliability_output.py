"""Issue 18, what an adversarial review broke on the way out: each test is built from the
review's description of the break.

4. a full disk or a read-only folder gave ``Exception ignored in ZipFile.__del__ … Traceback``
   (xlsx) or exit 3 (CSV/JSON);
5. one cell longer than Excel allows made the whole xlsx report refused;
8. ``-o -`` on a terminal passed a cell's escape sequences to it;
10. SIGTERM/SIGHUP left ``.report.csv.XXXX.partial`` files, xlsxwriter left its temporary files
    in ``$TMPDIR``, and a reading worker outlived its killed parent.

Each runs the command in a subprocess to see what a person sees on stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

if os.name != "posix":
    pytest.skip("signals, pseudo-terminals and file-system modes are Unix's", allow_module_level=True)

import pty  # noqa: E402
import select  # noqa: E402

from reliability_helpers import WRITING
from sheets import make_xlsx
from test_reliability_input import HERE, SRC, assert_no_raw_blocks, cli, hours_sheet

PARTIAL_OR_WORK = (".partial", ".tmp")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(PARTIAL_OR_WORK))


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hours_sheet(folder / "工数_2026年10月.xlsx")
    return folder


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# --- 4. a full disk, a folder that may not be written ------------------------------------------------------------


@pytest.mark.parametrize("name, free", [
    ("report.xlsx", 0),        # the first write of the report's working files
    ("report.xlsx", 20_000),   # half-way through the zip: ZipFile.__del__ would try again
    ("rows.csv", 50),
    ("rows.json", 50),
])
def test_a_full_disk_is_one_line_exit_2_and_the_previous_output_stays(inputs, out, name, free):
    target = out / name
    target.write_bytes(b"previous run")
    r = cli("aggregate", inputs, "-o", target, "--force", helper=("full-disk", free))
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"Error: {target} を書き出せません: ディスクに空きがありません — 空きを作ってからやり直してください "
                        "(前のファイルはそのままです)\n")
    assert target.read_bytes() == b"previous run"
    assert sorted(p.name for p in out.iterdir()) == [name]  # no partial file, no working folder


def test_a_full_disk_in_english(inputs, out):
    r = cli("aggregate", inputs, "-o", out / "rows.csv", "--lang", "en", helper=("full-disk", 10))
    assert r.returncode == 2
    assert r.stderr == (f"Error: cannot write {out / 'rows.csv'}: the disk is full — free some space and run again "
                        "(any previous file is unchanged)\n")


@pytest.fixture
def read_only(out):
    """The output folder made read-only: by its mode, or (as root, whom modes do not stop) immutable."""
    if os.geteuid() != 0:
        out.chmod(0o555)
        yield out
        out.chmod(0o755)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode:
        pytest.skip("no way to make a folder read-only for root here")
    try:
        yield out
    finally:
        subprocess.run(["chattr", "-i", str(out)], capture_output=True)


@pytest.mark.parametrize("name", ["report.xlsx", "rows.csv", "rows.json"])
def test_a_read_only_folder_is_one_line_exit_2(inputs, read_only, name):
    target = read_only / name
    r = cli("aggregate", inputs, "-o", target)
    assert r.returncode == 2, r.stderr
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert r.stderr == f"Error: {target} を書き出せません: 書き込めません ({reason}) — フォルダの権限を確認してください\n"
    assert list(read_only.iterdir()) == []


def _tmpfs(mnt: Path, size: str):
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
                                           capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.fixture
def tiny_disk(tmp_path):
    """A real file system of 200 KiB (a tmpfs), where the machine lets us mount one."""
    yield from _tmpfs(tmp_path / "disk", "200k")


@pytest.fixture
def full_disk(tmp_path):
    """A real file system of 16 KiB: too small for what ``init`` writes."""
    yield from _tmpfs(tmp_path / "full", "16k")


def test_init_on_a_full_disk_or_into_a_read_only_folder_is_one_line(full_disk, read_only):
    """``init`` is config's (not changed here): the CLI's one error handler says it in one line, exit 2."""
    r = cli("init", full_disk / "client-a")
    assert r.returncode == 2 and r.stderr == "Error: 書き出せません: ディスクに空きがありません — 空きを作ってからやり直してください\n"
    r = cli("init", read_only)
    assert r.returncode == 2
    assert r.stderr.startswith(f"Error: {read_only} に書き込めません (") and r.stderr.count("\n") == 1
    assert list(read_only.iterdir()) == []


def test_a_real_full_disk(tmp_path, tiny_disk):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [["日付", "氏名", "案件コード", "工数(h)", "備考"]]
    rows += [[dt.date(2026, 10, 1 + i % 28), f"社員{i}", f"P-{i}", 1, f"備考{i:06d}" * 8] for i in range(4000)]
    make_xlsx(folder / "工数_2026年10月.xlsx", {"10月": rows})
    for name in ("report.xlsx", "rows.csv"):
        target = tiny_disk / name
        target.write_bytes(b"previous run")
        r = cli("aggregate", folder, "-o", target, "--force")
        assert r.returncode == 2, r.stderr
        assert r.stderr.count("\n") == 1 and "ディスクに空きがありません" in r.stderr
        assert_no_raw_blocks(r.stderr)
        assert target.read_bytes() == b"previous run" and sorted(p.name for p in tiny_disk.iterdir()) == [name]
        target.unlink()


# --- 5. one long cell no longer costs the report ---------------------------------------------------------------------


def test_a_registration_number_longer_than_a_cell_is_cut_in_the_findings_report(tmp_path):
    long_number = "T" + "1" * 32_766
    rows = [["受領請求書一覧"], [], ["No", "受領日", "請求書番号", "請求日", "取引先名", "登録番号", "件名", "税率",
                                     "税抜金額", "消費税", "税込金額", "支払期日"]]
    rows.append([1, dt.date(2026, 10, 5), "INV-1", dt.date(2026, 9, 30), "株式会社テスト", long_number, "保守", "10%",
                 100000, 10000, 110000, dt.date(2026, 10, 31)])
    source = make_xlsx(tmp_path / "請求書一覧.xlsx", {"請求書": rows})
    r = cli("check", "invoices", source, "--today", "2026-11-01", "-o", tmp_path / "findings.xlsx")
    assert r.returncode == 1, r.stderr  # the finding: not a registration number
    cells = [c.value for ws in openpyxl.load_workbook(tmp_path / "findings.xlsx").worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert long_number in cells  # 32,767 characters fit a cell: kept whole
    # the finding quotes the number and says more: longer than a cell, cut where it can be seen
    cut = [v for v in cells if re.search(r"…\(以下省略: 全 32,\d{3} 文字\)$", v)]
    assert cut and all(len(v) == 32_767 and "T111" in v for v in cut)
    r = cli("check", "invoices", source, "--today", "2026-11-01", "-o", tmp_path / "findings.csv")
    assert r.returncode == 1
    with open(tmp_path / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        assert any(long_number in row for row in csv.reader(fh))  # the full value in CSV


# --- 8. -o - on a terminal ----------------------------------------------------------------------------------------------------


@pytest.fixture
def hostile_hours(tmp_path):
    return make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"10月": [
        ["日付", "氏名", "案件コード", "工数(h)", "備考"],
        [dt.date(2026, 10, 1), "山田", "A-1", 2, "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b1m"],
    ]})


def _run_on_a_terminal(args) -> bytes:
    """Run the command with stdout on a pseudo-terminal; what the terminal received."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}
    proc = subprocess.Popen([sys.executable, "-m", "ledgerkit", *map(str, args)], stdout=slave,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        received += chunk
    proc.wait(60)
    os.close(master)
    assert proc.returncode == 0
    return received


def test_csv_to_a_terminal_shows_escapes_instead_of_running_them(hostile_hours):
    shown = _run_on_a_terminal(["aggregate", hostile_hours, "-o", "-"])
    assert b"\x1b" not in shown and b"\x07" not in shown and "\x9b".encode() not in shown
    assert b"\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x9b1m" in shown


def test_csv_to_a_pipe_stays_byte_exact(hostile_hours):
    r = subprocess.run([sys.executable, "-m", "ledgerkit", "aggregate", str(hostile_hours), "-o", "-"],
                       capture_output=True, env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert r.returncode == 0
    assert "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b1m".encode() in r.stdout


# --- 10. SIGTERM, SIGHUP and SIGKILL while writing ----------------------------------------------------------------------------


def _start(args, helper, tmpdir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)]), "TMPDIR": str(tmpdir)}
    env.pop("PYTHONWARNINGS", None)
    cmd = [sys.executable, str(HERE / "reliability_helpers.py"), *helper, "--", *map(str, args)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _wait_for_writing(proc: subprocess.Popen) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if WRITING in line:
            return lines
    proc.kill()
    pytest.fail("the command never reached the write: " + "".join(lines))


@pytest.fixture
def scratch(tmp_path):
    folder = tmp_path / "scratch-tmp"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("name, where", [("rows.csv", "csv"), ("report.xlsx", "xlsx")])
def test_a_stop_signal_leaves_nothing_half_written(inputs, out, scratch, sig, name, where):
    target = out / name
    target.write_bytes(b"previous run")
    proc = _start(["aggregate", inputs, "-o", target, "--force"], ("slow", where), scratch)
    _wait_for_writing(proc)
    assert leftovers(out)  # the partial file (csv) or the report's working folder (xlsx) exists now
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err
    assert err.splitlines() == ["Error: 中断しました。何も書き出していません"]
    assert target.read_bytes() == b"previous run" and leftovers(out) == []
    assert list(scratch.iterdir()) == []  # xlsxwriter wrote nothing to $TMPDIR


@pytest.mark.parametrize("name, where", [("rows.csv", "csv"), ("report.xlsx", "xlsx")])
def test_what_a_killed_run_left_is_removed_by_the_next_run(inputs, out, scratch, name, where):
    target = out / name
    proc = _start(["aggregate", inputs, "-o", target], ("slow", where), scratch)
    _wait_for_writing(proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    left = leftovers(out)
    assert left and all(n.startswith(f".{name}.") for n in left)
    # another output's leftovers, and a live run's, are not this run's to remove
    other = out / f".other.csv.{os.uname().nodename}-1.abcd1234.partial"
    other.write_text("x")
    mine_alive = out / f".{name}.{''.join(ch for ch in os.uname().nodename if ch.isalnum())[:16]}-{os.getpid()}.x.partial"
    mine_alive.write_text("x")
    r = cli("aggregate", inputs, "-o", target)
    assert r.returncode == 0, r.stderr
    assert leftovers(out) == sorted([other.name, mine_alive.name])
    assert target.exists()


def test_the_next_run_removes_old_untagged_partials(inputs, out):
    old = out / ".rows.csv.k3j_9x2a.partial"  # written before partial names carried host and pid
    old.write_text("x")
    recent = out / ".rows.csv.q8w_2m1z.partial"
    recent.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert cli("aggregate", inputs, "-o", out / "rows.csv").returncode == 0
    assert leftovers(out) == [recent.name]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_reading_worker_dies_with_its_killed_parent(tmp_path, method):
    pidfile = tmp_path / "worker.pid"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}
    parent = subprocess.Popen([sys.executable, str(HERE / "reliability_helpers.py"), "orphan", method, str(pidfile)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pidfile.read_text())
    parent.kill()
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.05)
    alive = _alive(worker)
    if alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, "the worker outlived its parent"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_watchdog_ends_a_worker_when_the_parent_end_closes():
    from ledgerkit.intake.isolate import _watch_parent

    r, w = os.pipe()
    ended = threading.Event()
    t = threading.Thread(target=_watch_parent, args=(r, None), kwargs={"exit": lambda code: ended.set()}, daemon=True)
    t.start()
    assert not ended.wait(0.3)
    os.close(w)  # what the kernel does when the parent dies
    assert ended.wait(5)
    os.close(r)
    ended.clear()
    _watch_parent(None, 0.2, exit=lambda code: ended.set())  # no parent to watch: its own deadline
    assert ended.is_set()
