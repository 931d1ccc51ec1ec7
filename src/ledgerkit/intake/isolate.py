"""Run a per-file function in worker processes, so one bad file cannot take the command down.

python-calamine is Rust code: on a few malformed workbooks it aborts the whole process,
raises ``PanicException`` (a ``BaseException``) or allocates until the machine swaps. Each
item therefore runs in its own forked child with an address-space limit and a deadline;
the result (or the error) comes back pickled over a pipe. A child that dies, runs out of
memory or out of time becomes an :class:`~ledgerkit.core.errors.UnreadableFileError` for that
item only.

Fork (not spawn) keeps this cheap: a child starts in a few milliseconds with every module
the parent already imported, so isolating even a single small file costs little.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import tempfile
import time
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable

from ledgerkit.core.errors import LedgerkitError, UnreadableFileError
from ledgerkit.intake.read import _refuse

__all__ = ["run_isolated", "read_workbook_isolated", "read_workbooks_isolated", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB"]

#: seconds one item may run before its worker is killed
DEFAULT_TIMEOUT = 120.0
#: megabytes of address space one worker may add on top of what it inherited
DEFAULT_MEMORY_MB = 2048

# What a Rust allocation failure prints just before it aborts the process.
_OOM_MARKERS = (b"memory allocation of", b"MemoryError", b"Cannot allocate memory", b"capacity overflow")


def _vm_size() -> int:
    """Bytes of address space this process holds now (0 when /proc is not there)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _exception_state(exc: BaseException) -> tuple:
    """A picklable description of ``exc`` that does not call its ``__init__`` again.

    ``pickle`` rebuilds an exception as ``cls(*args)``, which fails for classes whose
    ``__init__`` takes other arguments than ``args`` (``UnreadableFileError`` does).
    """
    return (type(exc), exc.args, dict(getattr(exc, "__dict__", {})))


def _rebuild_exception(state: tuple) -> BaseException:
    cls, args, attrs = state
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(attrs)
    return exc


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _child(func: Callable, item: Any, conn, memory_mb: int | None, err_fd: int) -> None:
    """Body of a worker: limit memory, silence stderr, run ``func(item)``, send the outcome."""
    # Rust panics and Python warnings must not reach the person's terminal, and nothing
    # may land in stdout, which may carry the command's data (-o -). The parent reads
    # this file only to tell an out-of-memory abort from another crash.
    os.dup2(err_fd, 1)
    os.dup2(err_fd, 2)
    sys.stdout = sys.stderr = open(err_fd, "w", closefd=False)  # noqa: SIM115
    if faulthandler.is_enabled():
        # faulthandler (pytest, python -X faulthandler) writes to a saved copy of the
        # terminal's stderr: point it at the worker's file too.
        faulthandler.enable(file=sys.stderr)
    os.environ["RUST_BACKTRACE"] = "0"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker lives for one item and makes hundreds of thousands of row lists: the
    # cycle collector's default (every 700 allocations) costs a tenth of the reading time
    # for nothing. Collect rarely, and never walk the objects inherited from the parent
    # (which would also copy their pages).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    if memory_mb:
        limit = _vm_size() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    try:
        result = func(item)
        payload = ("ok", result)
    except MemoryError:
        payload = ("error", _exception_state(_refuse(item, "out_of_memory", "file_out_of_memory")))
    except LedgerkitError as e:
        payload = ("error", _exception_state(e))
    except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
        err = _refuse(item, "corrupt", "file_worker_error", kind=type(e).__name__, detail=_one_line(str(e), 160))
        payload = ("error", _exception_state(err))
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as e:  # noqa: BLE001
        err = _refuse(item, "corrupt", "file_worker_error", kind=type(e).__name__, detail="result cannot be sent back")
        data = pickle.dumps(("error", _exception_state(err)))
    conn.send_bytes(data)
    conn.close()


class _Running:
    __slots__ = ("index", "item", "proc", "conn", "deadline", "err")

    def __init__(self, index, item, proc, conn, deadline, err):
        self.index = index
        self.item = item
        self.proc = proc
        self.conn = conn
        self.deadline = deadline
        self.err = err


def _stderr_tail(err, limit: int = 1 << 20) -> bytes:
    """What the worker wrote to stderr (its first megabyte: the reason comes first,
    a Rust backtrace after it)."""
    try:
        err.seek(0)
        return err.read(limit)
    except (OSError, ValueError):
        return b""


def _death_error(run: _Running) -> UnreadableFileError:
    """The error for a worker that ended without sending a result."""
    code = run.proc.exitcode
    tail = _stderr_tail(run.err)
    if any(m in tail for m in _OOM_MARKERS):
        return _refuse(run.item, "out_of_memory", "file_out_of_memory")
    if code is not None and code < 0:
        try:
            how = signal.Signals(-code).name
        except ValueError:
            how = f"signal {-code}"
    else:
        how = f"exit {code}"
    return _refuse(run.item, "crashed", "file_crashed", how=how)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_isolated(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    progress: Callable[[int, int], None] | None = None,
    while_waiting: Callable[[], Any] | None = None,
) -> list[tuple[Any, Any]]:
    """Run ``func(item)`` for each item in its own forked worker; return ``(item, outcome)`` pairs.

    The outcome is whatever ``func`` returned, or an exception: a
    :class:`~ledgerkit.core.errors.LedgerkitError` raised in the worker comes back as itself;
    any other exception becomes ``UnreadableFileError(item, "corrupt", ...)`` naming the
    exception type in one line (no traceback); a worker that aborts or is killed by a
    signal gives ``"crashed"``, one that exceeds ``memory_mb`` ``"out_of_memory"``, one
    that runs past ``timeout`` seconds ``"timeout"``. Other items are unaffected.

    At most ``jobs`` workers run at once (default: the number of CPUs); ``jobs=1`` still
    isolates. ``memory_mb`` is the address space a worker may add to what it inherited
    from the parent (``None``: no limit). ``progress(done, total)`` is called in the parent
    after each item. ``while_waiting()`` is called once in the parent right after the
    first workers started (work the parent needs later, such as an import, overlaps
    with theirs). Results are in input order.

    Examples:
        >>> run_isolated(abs, [-1, 2])
        [(-1, 1), (2, 2)]
    """
    items = list(items)
    total = len(items)
    results: list[Any] = [None] * total
    if total == 0:
        return []
    jobs = max(1, min(jobs or _cpus(), total))
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform (Windows)
        if while_waiting is not None:
            while_waiting()
        return _run_in_process(func, items, progress)
    pending = list(range(total))
    pending.reverse()
    running: dict[Any, _Running] = {}
    done = 0

    def start(index: int) -> None:
        item = items[index]
        reader, writer = ctx.Pipe(duplex=False)
        err = tempfile.TemporaryFile()
        # Flush so that buffered output is not written twice (once by the child).
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        proc = ctx.Process(target=_child, args=(func, item, writer, memory_mb, err.fileno()), daemon=False)
        proc.start()
        writer.close()
        deadline = time.monotonic() + timeout if timeout else None
        running[reader] = _Running(index, item, proc, reader, deadline, err)

    def finish(run: _Running, outcome: Any) -> None:
        nonlocal done
        try:
            run.conn.close()
        except OSError:
            pass
        run.proc.join(5)
        if run.proc.is_alive():
            run.proc.kill()
            run.proc.join()
        try:
            run.proc.close()
        except ValueError:
            pass
        run.err.close()
        results[run.index] = outcome
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        while pending or running:
            while pending and len(running) < jobs:
                start(pending.pop())
            if while_waiting is not None:
                while_waiting()
                while_waiting = None
            now = time.monotonic()
            deadlines = [r.deadline for r in running.values() if r.deadline is not None]
            wait_for = max(0.0, min(deadlines) - now) if deadlines else None
            handles = list(running.keys()) + [r.proc.sentinel for r in running.values()]
            ready = set(wait(handles, timeout=wait_for))
            for reader, run in list(running.items()):
                outcome: Any = None
                got = False
                if reader in ready or run.proc.sentinel in ready:
                    try:
                        if reader.poll():
                            data = reader.recv_bytes()
                            status, value = pickle.loads(data)
                            outcome = value if status == "ok" else _rebuild_exception(value)
                            got = True
                    except (EOFError, OSError):
                        # The pipe closed without a whole result: the worker died.
                        run.proc.join(timeout or None)
                        outcome, got = _death_error(run), True
                    except Exception as e:  # noqa: BLE001 - an unpicklable result
                        err = _refuse(run.item, "corrupt", "file_worker_error", kind=type(e).__name__, detail="result cannot be read")
                        outcome, got = err, True
                    if not got and run.proc.sentinel in ready:
                        run.proc.join()
                        outcome, got = _death_error(run), True
                if not got and run.deadline is not None and time.monotonic() >= run.deadline:
                    run.proc.kill()
                    run.proc.join()
                    outcome = _refuse(run.item, "timeout", "file_timeout", seconds=f"{timeout:g}")
                    got = True
                if got:
                    del running[reader]
                    finish(run, outcome)
    finally:
        for run in running.values():
            if run.proc.is_alive():
                run.proc.kill()
            run.proc.join()
            run.err.close()
    return list(zip(items, results))


def _run_in_process(func, items, progress):  # pragma: no cover - platforms without fork
    """Without fork there is no cheap isolation: errors are still caught, crashes are not."""
    out = []
    for n, item in enumerate(items, 1):
        try:
            outcome = func(item)
        except MemoryError:
            outcome = _refuse(item, "out_of_memory", "file_out_of_memory")
        except LedgerkitError as e:
            outcome = e
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
            outcome = _refuse(item, "corrupt", "file_worker_error", kind=type(e).__name__, detail=_one_line(str(e), 160))
        out.append((item, outcome))
        if progress is not None:
            progress(n, len(items))
    return out


def read_workbook_isolated(path, **kwargs):
    """:func:`ledgerkit.intake.read.read_workbook` in a worker process; raise its error here.

    Keyword arguments ``timeout`` and ``memory_mb`` go to :func:`run_isolated`, the
    rest to ``read_workbook``.
    """
    from ledgerkit.intake.read import read_workbook

    timeout = kwargs.pop("timeout", DEFAULT_TIMEOUT)
    memory_mb = kwargs.pop("memory_mb", DEFAULT_MEMORY_MB)

    def job(p):
        return read_workbook(p, **kwargs)

    [(_, outcome)] = run_isolated(job, [path], jobs=1, timeout=timeout, memory_mb=memory_mb)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def read_workbooks_isolated(
    paths: Iterable,
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    progress: Callable[[int, int], None] | None = None,
    **read_kwargs,
) -> list[tuple[Any, Any]]:
    """:func:`ledgerkit.intake.read.read_workbook` for many files in parallel workers.

    Returns ``(path, RawWorkbook or UnreadableFileError)`` pairs in input order;
    ``read_kwargs`` (``nrows``, ``sheets``, ``include_hidden``, ``lang``, ``max_*``) go
    to ``read_workbook``.
    """
    from ledgerkit.intake.read import read_workbook

    def job(p):
        return read_workbook(p, **read_kwargs)

    return run_isolated(job, paths, jobs=jobs, timeout=timeout, memory_mb=memory_mb, progress=progress)
