"""run_pooled: a few long-lived workers for many files, with run_isolated's guarantees (issue 17)."""

from __future__ import annotations

import os
import time

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.pool import run_pooled
from test_isolate import work as isolated_work

#: items read by this worker process so far (a pool worker reads many)
SEEN: list = []


def work(item):
    kind, value = item
    SEEN.append(item)
    if kind == "fragile":
        # crashes a worker that read something before it, reads fine alone: the pool's
        # leftovers must never become this file's verdict
        if len(SEEN) > 1:
            os.abort()
        return {"value": value, "pid": os.getpid(), "alone": True}
    return isolated_work(item)


def _codes(out):
    return [getattr(o, "code", None) if isinstance(o, BaseException) else "ok" for _, o in out]


def test_workers_are_reused_and_results_in_order():
    out = run_pooled(work, [("ok", i) for i in range(40)], jobs=2)
    assert [o["value"] for _, o in out] == list(range(40))
    pids = {o["pid"] for _, o in out}
    assert len(pids) <= 2 and os.getpid() not in pids


def test_a_crash_costs_its_own_item_only():
    items = [("ok", 1), ("abort", None), ("ok", 2), ("segv", None), ("value", None), ("ok", 3), ("exit", None)]
    out = run_pooled(work, items, jobs=2, timeout=60)
    assert _codes(out) == ["ok", "crashed", "ok", "crashed", "corrupt", "ok", "corrupt"]
    assert "SIGABRT" in out[1][1].reason and "SIGSEGV" in out[3][1].reason
    assert [o["value"] for _, o in out if isinstance(o, dict)] == [1, 2, 3]


def test_a_crash_after_other_files_is_read_again_alone():
    out = run_pooled(work, [("ok", 1), ("ok", 2), ("fragile", 3), ("ok", 4)], jobs=1, timeout=60)
    assert _codes(out) == ["ok"] * 4
    assert out[2][1]["alone"] and out[2][1]["value"] == 3


def test_time_and_memory_limits_per_item():
    started = time.monotonic()
    out = run_pooled(work, [("sleep", 60), ("hog", None), ("ok", 1), ("sleep", 0)], jobs=2, timeout=2, memory_mb=256)
    assert time.monotonic() - started < 40
    assert _codes(out) == ["timeout", "out_of_memory", "ok", "ok"]
    assert isinstance(out[0][1], UnreadableFileError)


def test_spawn_pool():
    items = [("ok", 1), ("abort", None), ("ok", 2), ("unreadable", "a.xlsx")]
    out = run_pooled(work, items, jobs=2, timeout=60, start_method="spawn")
    assert _codes(out) == ["ok", "crashed", "ok", "encrypted"]


def test_progress_and_nothing():
    calls = []
    assert run_pooled(work, []) == []
    run_pooled(work, [("ok", i) for i in range(5)], jobs=2, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 5) for i in range(1, 6)]
