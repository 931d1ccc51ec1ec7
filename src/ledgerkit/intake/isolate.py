"""Run a per-file function in worker processes, so one bad file cannot take the command down.

python-calamine is Rust code: on a few malformed workbooks it aborts the whole process,
raises ``PanicException`` (a ``BaseException``) or allocates until the machine swaps. Each
item therefore runs in its own worker process with a memory limit and a deadline;
the result (or the error) comes back pickled over a pipe. A child that dies, runs out of
memory or out of time becomes an :class:`~ledgerkit.core.errors.UnreadableFileError` for that
item only.

Workers start with ``fork`` where the platform has it (Linux, macOS): a child starts in a
few milliseconds with every module the parent already imported, so isolating even a
single small file costs little. Where there is no fork (Windows) they start with
``spawn``: a fresh interpreter per item, slower to start, isolated the same way. The
start method can be forced with ``start_method=`` or the environment variable
``LEDGERKIT_START_METHOD`` (``fork``, ``spawn`` or ``forkserver``); under ``spawn`` the
function and the items must be picklable (a module-level function or a
``functools.partial`` of one, not a lambda or a closure).

The time limit applies everywhere (the parent kills a worker past its deadline). The
memory limit is an address-space limit (``RLIMIT_AS`` of the Unix ``resource`` module)
and applies only where the platform has one; elsewhere a worker is bounded by the time
limit and an allocation failure still becomes ``out_of_memory``.

A worker never outlives its parent: on Linux the kernel kills it when the parent dies
(``PR_SET_PDEATHSIG``); everywhere a watchdog thread in the worker ends it when the
parent's end of the pipe closes (``multiprocessing.parent_process().sentinel``, fork and
spawn alike) or when its own deadline (the time limit and a grace period) passes.
SIGTERM and SIGHUP end a worker (the parent handles them, see ``ledgerkit.cli.common``).
"""

from __future__ import annotations

import faulthandler
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable

from ledgerkit.core.errors import LedgerkitError, UnreadableFileError
from ledgerkit.intake.read import read_workbook
from ledgerkit.intake.refusals import _refuse

try:  # Unix only: there is no address-space limit to set on Windows
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = [
    "run_isolated",
    "read_workbook_isolated",
    "read_workbooks_isolated",
    "choose_start_method",
    "memory_limit_supported",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MEMORY_MB",
    "START_METHOD_ENV",
]

#: seconds one item may run before its worker is killed
DEFAULT_TIMEOUT = 120.0
#: megabytes of address space one worker may add on top of what it inherited (the same
#: figure as the config's ``read.memory_mb``)
DEFAULT_MEMORY_MB = 3072
#: seconds a worker outlives its time limit on its own when nobody kills it
OWN_DEADLINE_GRACE = 10.0

#: environment variable that forces the workers' start method (``fork``, ``spawn``, ``forkserver``)
START_METHOD_ENV = "LEDGERKIT_START_METHOD"

# What a Rust allocation failure prints just before it aborts the process.
_OOM_MARKERS = (b"memory allocation of", b"MemoryError", b"Cannot allocate memory", b"capacity overflow")


def choose_start_method(method: str | None = None) -> str:
    """The start method workers use: ``method`` if given, else ``$LEDGERKIT_START_METHOD``,
    else ``fork`` where the platform has it and ``spawn`` elsewhere (Windows).

    Examples:
        >>> choose_start_method("spawn")
        'spawn'
        >>> choose_start_method("thread")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: start method 'thread' is not available here; use one of ...
    """
    available = multiprocessing.get_all_start_methods()
    chosen = method or os.environ.get(START_METHOD_ENV, "").strip().lower() or None
    if chosen is None:
        return "fork" if "fork" in available else "spawn"
    if chosen not in available:
        source = "" if method else f" (from {START_METHOD_ENV})"
        raise ValueError(
            f"start method {chosen!r}{source} is not available here; use one of {', '.join(available)}"
        )
    return chosen


def memory_limit_supported() -> bool:
    """Whether a worker's address space can be limited here (Unix ``RLIMIT_AS``)."""
    return resource is not None and hasattr(resource, "RLIMIT_AS")


def _vm_size() -> int:
    """Bytes of address space this process holds now (0 when /proc is not there)."""
    if resource is None:  # pragma: no cover - Windows
        return 0
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


def settle_worker(err: int | str, memory_mb: int | None) -> None:
    """What every worker process does first (one per file, or a pool's long-lived one): output
    to ``err``, Ctrl-C left to the parent, plain ends on SIGTERM/SIGHUP, a quiet garbage
    collector, and the memory limit where the platform has one."""
    _redirect_output(err)
    if faulthandler.is_enabled():
        # faulthandler (pytest, python -X faulthandler) writes to a saved copy of the
        # terminal's stderr: point it at the worker's file too.
        faulthandler.enable(file=sys.stderr)
    os.environ["RUST_BACKTRACE"] = "0"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a fork inherits the command's handlers (SIGTERM raising KeyboardInterrupt): a worker just ends
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A worker lives for one item and makes hundreds of thousands of row lists: the
    # cycle collector's default (every 700 allocations) costs a tenth of the reading time
    # for nothing. Collect rarely, and never walk the objects inherited from the parent
    # (which would also copy their pages).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    if memory_mb and memory_limit_supported():
        limit = _vm_size() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


def _child(func: Callable, item: Any, conn, memory_mb: int | None, err: int | str,
           parent_pid: int | None = None, timeout: float | None = None) -> None:
    """Body of a worker: limit memory, silence stderr, run ``func(item)``, send the outcome.

    ``err`` is the file for the worker's stdout and stderr: a descriptor inherited through
    ``fork``, or a path to open (``spawn`` passes no descriptors but the pipe's).
    ``parent_pid`` and ``timeout`` let the worker end itself when the parent is gone.
    """
    _die_with_parent(parent_pid, timeout)
    settle_worker(err, memory_mb)
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


def tie_to_parent(parent_pid: int | None) -> None:
    """On Linux the kernel kills this worker when its parent ends (kill -9 too); a worker whose
    parent is already gone ends now. The watchdog threads cover the other platforms."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(70)  # the parent died before the line above could take effect


def _die_with_parent(parent_pid: int | None, timeout: float | None) -> None:
    """Make sure this worker ends when its parent does, however the parent ends (kill -9 too)."""
    tie_to_parent(parent_pid)
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    deadline = timeout + OWN_DEADLINE_GRACE if timeout else None
    if sentinel is None and deadline is None:
        return
    threading.Thread(target=_watch_parent, args=(sentinel, deadline), daemon=True,
                     name="ledgerkit-watchdog").start()


def _watch_parent(sentinel, deadline: float | None, exit=os._exit) -> None:
    """Wait for the parent's end of the pipe to close, or for the worker's own deadline: then end."""
    if sentinel is None:
        time.sleep(deadline)
    else:
        wait([sentinel], timeout=deadline)
    exit(70)


def _redirect_output(err: int | str) -> None:
    # Rust panics and Python warnings must not reach the person's terminal, and nothing
    # may land in stdout, which may carry the command's data (-o -). The parent reads
    # this file only to tell an out-of-memory abort from another crash.
    err_fd = err if isinstance(err, int) else os.open(err, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    os.dup2(err_fd, 1)
    os.dup2(err_fd, 2)
    sys.stdout = sys.stderr = open(err_fd, "w", closefd=False)  # noqa: SIM115


class _Running:
    __slots__ = ("index", "item", "proc", "conn", "deadline", "err", "err_path")

    def __init__(self, index, item, proc, conn, deadline, err, err_path=None):
        self.index = index
        self.item = item
        self.proc = proc
        self.conn = conn
        self.deadline = deadline
        self.err = err
        self.err_path = err_path

    def close_err(self) -> None:
        self.err.close()
        if self.err_path is not None:
            try:
                os.unlink(self.err_path)
            except OSError:
                pass


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
    start_method: str | None = None,
) -> list[tuple[Any, Any]]:
    """Run ``func(item)`` for each item in its own worker process; return ``(item, outcome)`` pairs.

    The outcome is whatever ``func`` returned, or an exception: a
    :class:`~ledgerkit.core.errors.LedgerkitError` raised in the worker comes back as itself;
    any other exception becomes ``UnreadableFileError(item, "corrupt", ...)`` naming the
    exception type in one line (no traceback); a worker that aborts or is killed by a
    signal gives ``"crashed"``, one that exceeds ``memory_mb`` ``"out_of_memory"``, one
    that runs past ``timeout`` seconds ``"timeout"``. Other items are unaffected.

    At most ``jobs`` workers run at once (default: the number of CPUs); ``jobs=1`` still
    isolates. ``memory_mb`` is the address space a worker may add to what it inherited
    from the parent (``None``: no limit; ignored where the platform has no such limit,
    see :func:`memory_limit_supported`). ``progress(done, total)`` is called in the parent
    after each item. ``while_waiting()`` is called once in the parent right after the
    first workers started (work the parent needs later, such as an import, overlaps
    with theirs). Results are in input order.

    ``start_method`` (``fork``, ``spawn``, ``forkserver``) overrides the environment
    variable ``LEDGERKIT_START_METHOD`` and the platform's default
    (:func:`choose_start_method`); with ``spawn`` or ``forkserver``, ``func``, the items and
    the results must be picklable.

    Examples:
        >>> run_isolated(abs, [-1, 2])
        [(-1, 1), (2, 2)]
        >>> run_isolated(abs, [-3], start_method="spawn")
        [(-3, 3)]
    """
    items = list(items)
    if not items:
        return []
    method = choose_start_method(start_method)
    workers = _Workers(multiprocessing.get_context(method), func, items, timeout=timeout,
                       memory_mb=memory_mb, progress=progress, err_by_path=method != "fork")
    return workers.run(max(1, min(jobs or _cpus(), len(items))), while_waiting)


class _Workers:
    """The workers of one :func:`run_isolated` call: each item in its own, a few at once."""

    def __init__(self, ctx, func, items: list, *, timeout, memory_mb, progress, err_by_path: bool):
        self.ctx = ctx
        self.func = func
        self.items = items
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.progress = progress
        # Only fork passes the worker an open descriptor for its output; the others a path.
        self.err_by_path = err_by_path
        self.results: list[Any] = [None] * len(items)
        self.running: dict[Any, _Running] = {}
        self.done = 0

    def run(self, jobs: int, while_waiting: Callable[[], Any] | None) -> list[tuple[Any, Any]]:
        pending = list(range(len(self.items)))
        pending.reverse()
        try:
            while pending or self.running:
                while pending and len(self.running) < jobs:
                    self.start(pending.pop())
                if while_waiting is not None:
                    while_waiting()
                    while_waiting = None
                self.collect()
        finally:
            for run in self.running.values():
                if run.proc.is_alive():
                    run.proc.kill()
                run.proc.join()
                run.close_err()
        return list(zip(self.items, self.results))

    def start(self, index: int) -> None:
        item = self.items[index]
        reader, writer = self.ctx.Pipe(duplex=False)
        if self.err_by_path:
            fd, err_path = tempfile.mkstemp(prefix="ledgerkit-worker-", suffix=".log")
            err, target = os.fdopen(fd, "w+b"), err_path
        else:
            err = tempfile.TemporaryFile()
            err_path, target = None, err.fileno()
        # Flush so that buffered output is not written twice (once by the child).
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        # under forkserver a worker's parent is the server, not this process
        parent = os.getpid() if self.ctx.get_start_method() in ("fork", "spawn") else None
        proc = self.ctx.Process(target=_child, daemon=False,
                                args=(self.func, item, writer, self.memory_mb, target, parent, self.timeout))
        run = _Running(index, item, proc, reader, None, err, err_path)
        try:
            # under spawn this pickles func and item: a lambda or a closure fails here
            proc.start()
        except BaseException:
            reader.close()
            run.close_err()
            raise
        finally:
            writer.close()
        run.deadline = time.monotonic() + self.timeout if self.timeout else None
        self.running[reader] = run

    def collect(self) -> None:
        """Wait for a worker to finish or a deadline to pass; take every outcome there is."""
        now = time.monotonic()
        deadlines = [r.deadline for r in self.running.values() if r.deadline is not None]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else None
        handles = list(self.running.keys()) + [r.proc.sentinel for r in self.running.values()]
        ready = set(wait(handles, timeout=wait_for))
        for reader, run in list(self.running.items()):
            got, outcome = self.outcome(run, ready)
            if got:
                del self.running[reader]
                self.finish(run, outcome)

    def outcome(self, run: _Running, ready: set) -> tuple[bool, Any]:
        """``(True, outcome)`` when the worker is done (result, error, death or timeout)."""
        timeout = self.timeout
        outcome: Any = None
        got = False
        if run.conn in ready or run.proc.sentinel in ready:
            try:
                if run.conn.poll():
                    data = run.conn.recv_bytes()
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
        return got, outcome

    def finish(self, run: _Running, outcome: Any) -> None:
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
        run.close_err()
        self.results[run.index] = outcome
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.items))


def read_workbook_isolated(path, **kwargs):
    """:func:`ledgerkit.intake.read.read_workbook` in a worker process; raise its error here.

    Keyword arguments ``timeout``, ``memory_mb`` and ``start_method`` go to
    :func:`run_isolated`, the rest to ``read_workbook``.
    """
    timeout = kwargs.pop("timeout", DEFAULT_TIMEOUT)
    memory_mb = kwargs.pop("memory_mb", DEFAULT_MEMORY_MB)
    method = kwargs.pop("start_method", None)
    # a partial of a module-level function: picklable, so that spawn can send it
    job = functools.partial(read_workbook, **kwargs)
    [(_, outcome)] = run_isolated(job, [path], jobs=1, timeout=timeout, memory_mb=memory_mb, start_method=method)
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
    start_method: str | None = None,
    **read_kwargs,
) -> list[tuple[Any, Any]]:
    """:func:`ledgerkit.intake.read.read_workbook` for many files in parallel workers.

    Returns ``(path, RawWorkbook or UnreadableFileError)`` pairs in input order;
    ``read_kwargs`` (``nrows``, ``sheets``, ``include_hidden``, ``lang``, ``max_*``) go
    to ``read_workbook``.
    """
    job = functools.partial(read_workbook, **read_kwargs)
    return run_isolated(job, paths, jobs=jobs, timeout=timeout, memory_mb=memory_mb, progress=progress,
                        start_method=start_method)
