"""run_isolated: a worker that dies, hogs memory or hangs costs its own item only.

With ``fork`` (the default on Linux) and with ``spawn`` forced (what Windows has).
"""

from __future__ import annotations

import os
import sys
import time

import pytest

from ledgerkit.core.errors import DataError, LedgerkitError, UnreadableFileError
from ledgerkit.intake.isolate import (
    START_METHOD_ENV,
    choose_start_method,
    read_workbook_isolated,
    read_workbooks_isolated,
    run_isolated,
)
from ledgerkit.intake.read import unreadable_message


#: set in the parent by a test: a forked worker sees the change, a spawned one imports afresh
PARENT_MARK = "as imported"


def work(item):
    """What each test item does in its worker."""
    kind, value = item
    if kind == "ok":
        return {"value": value, "pid": os.getpid()}
    if kind == "mark":
        return PARENT_MARK
    if kind == "abort":
        os.abort()
    if kind == "segv":
        import ctypes

        ctypes.string_at(0)
    if kind == "hog":
        blocks = []
        while True:  # until the address-space limit says no
            blocks.append(bytearray(64 * 1024 * 1024))
    if kind == "rust_oom":
        # what a Rust allocation failure looks like from outside
        os.write(2, b"memory allocation of 4294967296 bytes failed\n")
        os.abort()
    if kind == "sleep":
        time.sleep(value)
        return "woke"
    if kind == "unreadable":
        raise UnreadableFileError(value, "encrypted", "暗号化されています")
    if kind == "data":
        raise DataError("rate missing for 山田")
    if kind == "value":
        raise ValueError("bad\nthing\nhappened")
    if kind == "exit":
        sys.exit(3)
    if kind == "unpicklable":
        return lambda: None
    if kind == "noise":
        print("noise on stdout", flush=True)
        os.write(2, b"thread '<unnamed>' panicked at src/cfb.rs\n")
        return "quiet"
    raise AssertionError(kind)


def test_results_in_input_order_and_others_intact():
    items = [("ok", 1), ("abort", None), ("ok", 2), ("value", None), ("ok", 3)]
    out = run_isolated(work, items, jobs=2, timeout=30)
    assert [i for i, _ in out] == items
    assert out[0][1]["value"] == 1 and out[2][1]["value"] == 2 and out[4][1]["value"] == 3
    assert out[0][1]["pid"] != os.getpid()
    crashed = out[1][1]
    assert isinstance(crashed, UnreadableFileError) and crashed.code == "crashed"
    assert "SIGABRT" in crashed.reason
    assert unreadable_message(crashed, "en") == "the reader crashed on this file (SIGABRT); the file is probably damaged"
    other = out[3][1]
    assert isinstance(other, UnreadableFileError) and other.code == "corrupt"
    assert unreadable_message(other, "en") == "reading failed (ValueError: bad thing happened)"


def test_segfault_is_a_crash():
    [(_, err)] = run_isolated(work, [("segv", None)], timeout=30)
    assert isinstance(err, UnreadableFileError) and err.code == "crashed"
    assert "SIGSEGV" in err.reason


def test_memory_limit():
    out = run_isolated(work, [("hog", None), ("ok", 9)], jobs=2, memory_mb=256, timeout=60)
    err = out[0][1]
    assert isinstance(err, UnreadableFileError) and err.code == "out_of_memory"
    assert err.reason == "読み込みにメモリを使いすぎるため中止しました"
    assert out[1][1]["value"] == 9


def test_rust_allocation_failure_is_out_of_memory():
    [(_, err)] = run_isolated(work, [("rust_oom", None)], timeout=30)
    assert isinstance(err, UnreadableFileError) and err.code == "out_of_memory"


def test_timeout_kills_only_the_slow_one():
    started = time.monotonic()
    out = run_isolated(work, [("sleep", 60), ("sleep", 0), ("ok", 1)], jobs=2, timeout=1.5)
    assert time.monotonic() - started < 30
    err = out[0][1]
    assert isinstance(err, UnreadableFileError) and err.code == "timeout"
    assert unreadable_message(err, "en") == "reading took longer than 1.5 s: stopped"
    assert out[1][1] == "woke" and out[2][1]["value"] == 1


def test_ledgerkit_errors_come_back_as_themselves():
    out = run_isolated(work, [("unreadable", "a.xlsx"), ("data", None)])
    err = out[0][1]
    assert type(err) is UnreadableFileError
    assert (err.path, err.code, err.reason) == ("a.xlsx", "encrypted", "暗号化されています")
    assert str(err) == "a.xlsx: 暗号化されています"
    assert type(out[1][1]) is DataError and str(out[1][1]) == "rate missing for 山田"
    assert isinstance(out[1][1], LedgerkitError) and out[1][1].exit_code == 1


def test_exit_and_unpicklable_results_are_errors():
    out = run_isolated(work, [("exit", None), ("unpicklable", None)])
    assert all(isinstance(e, UnreadableFileError) and e.code == "corrupt" for _, e in out)
    assert "SystemExit" in out[0][1].reason


def test_worker_output_does_not_reach_the_terminal(capfd):
    [(_, result)] = run_isolated(work, [("noise", None)])
    assert result == "quiet"
    captured = capfd.readouterr()
    assert "panicked" not in captured.err
    assert "noise" not in captured.out


def test_abort_leaves_no_trace_on_the_terminal():
    # faulthandler writing to its own copy of the terminal's stderr (as pytest sets it
    # up) is the worst case.
    import subprocess

    code = (
        "import os, faulthandler\n"
        "saved = os.fdopen(os.dup(2), 'w')\n"
        "faulthandler.enable(file=saved)\n"
        "from ledgerkit.intake.isolate import run_isolated\n"
        "def boom(x):\n    os.abort()\n"
        "[(_, e)] = run_isolated(boom, [1])\n"
        "print(e.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.stdout == "crashed\n"
    assert done.stderr == ""


def test_progress_and_jobs_one():
    calls = []
    items = [("ok", i) for i in range(6)]
    out = run_isolated(work, items, jobs=1, progress=lambda d, t: calls.append((d, t)))
    assert [r["value"] for _, r in out] == list(range(6))
    assert calls == [(i, 6) for i in range(1, 7)]
    assert len({r["pid"] for _, r in out}) == 6  # every item in its own worker


def test_many_items_and_none():
    assert run_isolated(work, []) == []
    out = run_isolated(work, [("ok", i) for i in range(60)], jobs=2)
    assert [r["value"] for _, r in out] == list(range(60))


def test_read_workbook_isolated(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("氏名,工数\n山田,7\n", encoding="utf-8")
    assert read_workbook_isolated(p).sheets[0].rows == [["氏名", "工数"], ["山田", "7"]]
    q = tmp_path / "a.xlsx"
    q.write_bytes(b"\x89PNG\r\n\x1a\n0000")
    with pytest.raises(UnreadableFileError) as info:
        read_workbook_isolated(q, lang="en")
    assert info.value.code == "not_a_spreadsheet"
    assert info.value.reason == "not a spreadsheet (the content is PNG)"


# --- spawn: what Windows has (no fork), forced here -----------------------------------------


def small_workbook(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "10月"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_start_method_default_and_forced(monkeypatch):
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    assert choose_start_method() == "fork"  # Linux: the cheap one
    assert choose_start_method("spawn") == "spawn"
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    assert choose_start_method() == "spawn"
    assert choose_start_method("fork") == "fork"  # the parameter wins
    monkeypatch.setenv(START_METHOD_ENV, "thread")
    with pytest.raises(ValueError, match=f"start method 'thread' \\(from {START_METHOD_ENV}\\) is not available here"):
        run_isolated(work, [("ok", 1)])


def test_fork_and_spawn_are_really_used(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "PARENT_MARK", "changed in the parent")
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    assert run_isolated(work, [("mark", None)]) == [(("mark", None), "changed in the parent")]
    assert run_isolated(work, [("mark", None)], start_method="spawn") == [(("mark", None), "as imported")]
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    assert run_isolated(work, [("mark", None)]) == [(("mark", None), "as imported")]


def test_spawn_reads_a_small_workbook(tmp_path, monkeypatch):
    book = small_workbook(tmp_path / "工数 2026年10月.xlsx", [["氏名", "工数"], ["山田", 7.5], ["佐藤", 8]])
    wb = read_workbook_isolated(book, start_method="spawn")
    assert wb.reader == "calamine" and wb.sheets[0].name == "10月"
    assert wb.sheets[0].rows == [["氏名", "工数"], ["山田", 7.5], ["佐藤", 8]]
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    out = read_workbooks_isolated([book, bad], jobs=2, lang="en")
    assert out[0][1].sheets[0].rows[1] == ["山田", 7.5]
    assert isinstance(out[1][1], UnreadableFileError) and out[1][1].code == "not_a_spreadsheet"


def test_spawn_refuses_an_oversized_workbook(tmp_path):
    book = small_workbook(tmp_path / "big.xlsx", [[i, i * 2, i * 3] for i in range(10)])
    with pytest.raises(UnreadableFileError) as info:
        read_workbook_isolated(book, max_cells=20, lang="en", start_method="spawn")
    assert info.value.code == "too_many_cells"


def test_spawn_isolates_crashes_and_errors():
    items = [("abort", None), ("ok", 2), ("value", None), ("unreadable", "a.xlsx"), ("rust_oom", None)]
    out = run_isolated(work, items, jobs=2, timeout=60, start_method="spawn")
    assert [i for i, _ in out] == items
    assert out[0][1].code == "crashed" and "SIGABRT" in out[0][1].reason
    assert out[1][1]["value"] == 2 and out[1][1]["pid"] != os.getpid()
    assert out[2][1].code == "corrupt" and "ValueError" in out[2][1].reason
    assert type(out[3][1]) is UnreadableFileError and out[3][1].code == "encrypted"
    assert out[4][1].code == "out_of_memory"  # read back from the worker's output file


def test_spawn_time_limit():
    started = time.monotonic()
    [(_, err)] = run_isolated(work, [("sleep", 60)], timeout=3, start_method="spawn")
    assert isinstance(err, UnreadableFileError) and err.code == "timeout"
    assert time.monotonic() - started < 30


def test_spawn_memory_limit():
    out = run_isolated(work, [("hog", None), ("ok", 9)], jobs=2, memory_mb=256, timeout=60, start_method="spawn")
    assert isinstance(out[0][1], UnreadableFileError) and out[0][1].code == "out_of_memory"
    assert out[1][1]["value"] == 9


def test_spawn_needs_a_picklable_function():
    # a lambda or a closure cannot reach a spawned worker: said at once, not per item
    with pytest.raises(Exception, match="(?i)pickle"):
        run_isolated(lambda x: x, [1], start_method="spawn")


def test_no_unix_only_module_is_needed(tmp_path):
    """As on Windows: without ``resource`` (nor ``fcntl``) the module imports and isolates,
    with the time limit and without a memory limit."""
    import subprocess

    code = (
        "import sys\n"
        "sys.modules['resource'] = None\n"  # import resource now raises ImportError
        "sys.modules['fcntl'] = None\n"
        "from ledgerkit.intake import isolate\n"
        "assert not isolate.memory_limit_supported()\n"
        "import time\n"
        "out = isolate.run_isolated(time.sleep, [0, 30], timeout=2, start_method='spawn')\n"
        "print(out[0][1], out[1][1].code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.stderr == "" and done.stdout == "None timeout\n"
