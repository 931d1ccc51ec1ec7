"""Many files through a few long-lived workers: :func:`run_pooled` (issue 17).

:func:`ledgerkit.intake.isolate.run_isolated` starts one worker process per item: with 500
small files that is 500 forks, each copying the parent's page tables and ending — about
60 ms of CPU a file, more than reading it. Here ``jobs`` workers are started once and
each reads item after item, with the same guarantees:

* a hostile file is always read in a worker, never in the command's process;
* each item has the time limit (the parent kills the worker past its deadline and starts
  another); each worker has the memory limit (``RLIMIT_AS`` over what it inherited);
* a worker that crashes or runs out of memory takes no other item with it: the item it
  was reading is **read again alone** in a fresh worker (:func:`run_isolated`), so what is
  reported is that file's own verdict, never the leftovers of the files before it;
* ``fork`` and ``spawn`` alike (``func`` and the items must then be picklable); a worker
  ends with its parent (``PR_SET_PDEATHSIG`` on Linux, and a watchdog thread that watches
  the parent's end of the pipe and the item's own deadline).

Results come back in input order; ``progress(done, total)`` is called after each item.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import time
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable

from ledgerkit.core.errors import LedgerkitError
from ledgerkit.intake.isolate import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    OWN_DEADLINE_GRACE,
    _cpus,
    _exception_state,
    _one_line,
    _rebuild_exception,
    choose_start_method,
    run_isolated,
    settle_worker,
    tie_to_parent,
)
from ledgerkit.intake.refusals import _refuse

__all__ = ["run_pooled"]

#: what a worker's outcome says when it cannot go on: the item is read again alone
_RETRY_ALONE = ("crashed", "out_of_memory")


def run_pooled(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    progress: Callable[[int, int], None] | None = None,
    while_waiting: Callable[[], Any] | None = None,
    start_method: str | None = None,
) -> list[tuple[Any, Any]]:
    """``func(item)`` for each item in a pool of worker processes; ``(item, outcome)`` pairs.

    Outcomes as :func:`~ledgerkit.intake.isolate.run_isolated` gives them (a result, a
    :class:`~ledgerkit.core.errors.LedgerkitError`, or an ``UnreadableFileError`` for a
    worker that failed, crashed, ran out of memory or of time).

    Examples:
        >>> run_pooled(abs, [-1, 2, -3], jobs=2)
        [(-1, 1), (2, 2), (-3, 3)]
    """
    items = list(items)
    if not items:
        return []
    method = choose_start_method(start_method)
    pool = _Pool(multiprocessing.get_context(method), func, items, timeout=timeout, memory_mb=memory_mb,
                 progress=progress)
    out = pool.run(max(1, min(jobs or _cpus(), len(items))), while_waiting)
    if pool.retry:
        # read alone in a fresh worker: the file's own verdict
        alone = run_isolated(func, [items[i] for i in pool.retry], jobs=jobs, timeout=timeout, memory_mb=memory_mb,
                             start_method=method)
        for i, (_, outcome) in zip(pool.retry, alone):
            out[i] = outcome
    return list(zip(items, out))


# --- the worker ------------------------------------------------------------------------------


class _Clock:
    """When the item being read started (None between items): the watchdog's deadline."""

    started: float | None = None


def _pool_child(func: Callable, conn, memory_mb: int | None, err: int | str, parent_pid: int | None,
                timeout: float | None) -> None:
    """Body of a pool worker: set the limits once, then read items until told to stop."""
    clock = _Clock()
    _die_with_parent(parent_pid, timeout, clock)
    settle_worker(err, memory_mb)
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not message:
            return
        item = pickle.loads(message)
        clock.started = time.monotonic()
        fatal = False
        try:
            payload = ("ok", func(item))
        except MemoryError:
            payload, fatal = ("error", _exception_state(_refuse(item, "out_of_memory", "file_out_of_memory"))), True
        except LedgerkitError as e:
            payload = ("error", _exception_state(e))
        except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
            err_ = _refuse(item, "corrupt", "file_worker_error", kind=type(e).__name__, detail=_one_line(str(e), 160))
            payload, fatal = ("error", _exception_state(err_)), not isinstance(e, Exception)
        try:
            data = pickle.dumps((*payload, fatal), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as e:  # noqa: BLE001
            err_ = _refuse(item, "corrupt", "file_worker_error", kind=type(e).__name__,
                           detail="result cannot be sent back")
            data = pickle.dumps(("error", _exception_state(err_), fatal))
        payload = None
        conn.send_bytes(data)
        clock.started = None
        if fatal:
            return  # after a MemoryError or a SystemExit the worker's state is not to be trusted
        gc.collect(0)


def _die_with_parent(parent_pid: int | None, timeout: float | None, clock: _Clock) -> None:
    """The pool worker's tie to its parent: the kernel's (:func:`tie_to_parent`), and a watchdog
    that also ends a worker stuck on one item past ``timeout`` (``clock`` restarts per item)."""
    tie_to_parent(parent_pid)
    sentinel = getattr(multiprocessing.parent_process(), "sentinel", None)
    limit = timeout + OWN_DEADLINE_GRACE if timeout else None
    threading.Thread(target=_watch, args=(sentinel, limit, clock), daemon=True, name="ledgerkit-watchdog").start()


def _watch(sentinel, limit: float | None, clock: _Clock, exit=os._exit) -> None:
    """End the worker when the parent is gone, or when one item runs past its own deadline."""
    while True:
        if sentinel is not None and wait([sentinel], timeout=1.0):
            exit(70)
        if sentinel is None:
            time.sleep(1.0)
        started = clock.started
        if limit is not None and started is not None and time.monotonic() - started > limit:
            exit(70)


# --- the parent ------------------------------------------------------------------------------


class _Slot:
    __slots__ = ("proc", "conn", "err", "err_path", "index", "deadline")

    def __init__(self, proc, conn, err, err_path):
        self.proc, self.conn, self.err, self.err_path = proc, conn, err, err_path
        self.index: int | None = None
        self.deadline: float | None = None

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        try:
            self.proc.close()
        except ValueError:
            pass
        self.err.close()
        if self.err_path is not None:
            try:
                os.unlink(self.err_path)
            except OSError:
                pass


class _Pool:
    """The workers of one :func:`run_pooled` call."""

    def __init__(self, ctx, func, items: list, *, timeout, memory_mb, progress):
        self.ctx, self.func, self.items = ctx, func, items
        self.timeout, self.memory_mb, self.progress = timeout, memory_mb, progress
        self.results: list[Any] = [None] * len(items)
        self.retry: list[int] = []
        self.done = 0

    def run(self, jobs: int, while_waiting: Callable[[], Any] | None) -> list[Any]:
        pending = list(range(len(self.items)))[::-1]
        slots: list[_Slot] = []
        try:
            for _ in range(jobs):
                slots.append(self._start())
            for slot in slots:
                if pending:
                    self._give(slot, pending.pop())
            if while_waiting is not None:
                while_waiting()
            while any(s.index is not None for s in slots):
                for slot in self._ready(slots):
                    if not self._collect(slot):
                        slots[slots.index(slot)] = slot = self._replace(slot)
                    if pending and slot.index is None:
                        self._give(slot, pending.pop())
            for slot in slots:
                try:
                    slot.conn.send_bytes(b"")  # stop
                except OSError:
                    pass
            for slot in slots:
                slot.proc.join(5)
        finally:
            for slot in slots:
                slot.close()
        return self.results

    def _start(self) -> _Slot:
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        if self.ctx.get_start_method() != "fork":
            fd, err_path = tempfile.mkstemp(prefix="ledgerkit-worker-", suffix=".log")
            err, target = os.fdopen(fd, "w+b"), err_path
        else:
            err, err_path = tempfile.TemporaryFile(), None
            target = err.fileno()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        parent = os.getpid() if self.ctx.get_start_method() in ("fork", "spawn") else None
        proc = self.ctx.Process(target=_pool_child, daemon=False,
                                args=(self.func, child_conn, self.memory_mb, target, parent, self.timeout))
        try:
            proc.start()  # under spawn this pickles func: a lambda or a closure fails here
        except BaseException:
            parent_conn.close()
            err.close()
            raise
        finally:
            child_conn.close()
        return _Slot(proc, parent_conn, err, err_path)

    def _replace(self, slot: _Slot) -> _Slot:
        slot.close()
        return self._start()

    def _give(self, slot: _Slot, index: int) -> None:
        slot.index = index
        slot.deadline = time.monotonic() + self.timeout if self.timeout else None
        try:
            slot.conn.send_bytes(pickle.dumps(self.items[index], protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # the worker is gone: its sentinel says so at the next wait

    def _ready(self, slots: list[_Slot]) -> list[_Slot]:
        busy = [s for s in slots if s.index is not None]
        deadlines = [s.deadline for s in busy if s.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [s.conn for s in busy] + [s.proc.sentinel for s in busy]
        ready = set(wait(handles, timeout=wait_for))
        now = time.monotonic()
        return [s for s in busy if s.conn in ready or s.proc.sentinel in ready
                or (s.deadline is not None and now >= s.deadline)]

    def _collect(self, slot: _Slot) -> bool:
        """Take the slot's outcome; False when its worker must be replaced."""
        index, alive = slot.index, True
        try:
            if slot.conn.poll():
                status, value, fatal = pickle.loads(slot.conn.recv_bytes())
                outcome = value if status == "ok" else _rebuild_exception(value)
                alive = not fatal
                if getattr(outcome, "code", "") in _RETRY_ALONE:
                    self.retry.append(index)  # out of memory after other files: read it again alone
            elif slot.deadline is not None and time.monotonic() >= slot.deadline:
                outcome, alive = _refuse(self.items[index], "timeout", "file_timeout", seconds=f"{self.timeout:g}"), False
            elif not slot.proc.is_alive() or slot.proc.sentinel in wait([slot.proc.sentinel], timeout=0):
                # died without a whole result: read that file again alone
                outcome, alive = None, False
                self.retry.append(index)
            else:
                return True  # woken for nothing: keep waiting
        except (EOFError, OSError):
            outcome, alive = None, False
            self.retry.append(index)
        except Exception as e:  # noqa: BLE001 - an unreadable result
            outcome, alive = _refuse(self.items[index], "corrupt", "file_worker_error", kind=type(e).__name__,
                                     detail="result cannot be read"), False
        slot.index, slot.deadline = None, None
        self.results[index] = outcome
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.items))
        return alive
