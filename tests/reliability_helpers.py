"""What the issue-18 regression tests run in a subprocess: the CLI under a full disk, a
slow write to interrupt, a library warning, and a worker whose parent is killed.

    python tests/reliability_helpers.py MODE [ARG…] -- [ledgerkit arguments…]

Module-level functions only: a worker started with ``spawn`` imports them by name.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
import time
from pathlib import Path

#: printed on stderr by the slow modes once the output is being written
WRITING = "<<writing>>"


# --- run in workers -------------------------------------------------------------------------


def sleeper(pidfile: str) -> None:
    """A worker's job that never ends: says who it is, then waits."""
    Path(pidfile).write_text(str(os.getpid()))
    time.sleep(600)


class BuggyReader:
    """A per-sheet reader with a bug in it (as a parser raising on a cell it did not expect)."""

    def __call__(self, sheet, *, file, config):
        raise KeyError("start")


# --- a disk that fills up ---------------------------------------------------------------------


class _FullDisk:
    """A file whose writes fail with ENOSPC once the disk's remaining bytes are used up."""

    left = 0

    def __init__(self, f):
        self._f = f

    def write(self, data):
        if len(data) > _FullDisk.left:
            raise OSError(errno.ENOSPC, "No space left on device")
        _FullDisk.left -= len(data)
        return self._f.write(data)

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()

    def __iter__(self):
        return iter(self._f)


def _on_output_disk(file) -> bool:
    """The files a writer puts beside its output: ``.NAME….partial`` and its ``.NAME….tmp`` folder."""
    if not isinstance(file, (str, os.PathLike)):
        return False
    p = Path(file)
    return p.name.endswith(".partial") or p.parent.name.endswith(".tmp")


def fill_disk_after(free: int) -> None:
    """Make writes beside the output fail with ENOSPC after ``free`` bytes (reads and other files unaffected)."""
    real_open = builtins.open
    _FullDisk.left = free

    def open_(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        if _on_output_disk(file) and any(m in mode for m in "wax+"):
            return _FullDisk(f)
        return f

    builtins.open = open_
    io.open = open_


# --- modes ----------------------------------------------------------------------------------------


def _cli(args: list[str]) -> None:
    from ledgerkit.cli.app import app

    sys.argv = ["ledgerkit", *args]
    app()


def _slow(where: str) -> None:
    """Stop for a minute while the output is being written (to be interrupted there)."""
    def pause():
        print(WRITING, file=sys.stderr, flush=True)
        time.sleep(60)

    if where == "csv":
        import ledgerkit.reports.frames as frames

        original = frames._csv_frame

        def slow_csv_frame(*a, **k):
            out = original(*a, **k)
            pause()
            return out

        frames._csv_frame = slow_csv_frame
    else:  # xlsx: the report's working folder exists, its rows are being written
        from ledgerkit.reports.xlsx_report import XlsxReport

        original_issues = XlsxReport.add_issues

        def slow_issues(self, *a, **k):
            out = original_issues(self, *a, **k)
            pause()
            return out

        XlsxReport.add_issues = slow_issues


def _warn() -> None:
    """A library warning in the main process while the command runs."""
    import warnings

    import ledgerkit.consolidate.aggregate as aggregate
    from pandas.errors import PerformanceWarning

    original = aggregate.gather

    def gather(*a, **k):
        warnings.warn("DataFrame is highly fragmented", PerformanceWarning)
        warnings.warn("something deprecated", DeprecationWarning)
        return original(*a, **k)

    aggregate.gather = gather


def main(argv: list[str]) -> None:
    mode, rest = argv[0], argv[1:]
    args = rest[rest.index("--") + 1:] if "--" in rest else []
    if mode == "orphan":
        from ledgerkit.intake.isolate import run_isolated

        method, pidfile = rest[0], rest[1]
        run_isolated(sleeper, [pidfile], timeout=600, start_method=method)
        return
    if mode == "full-disk":
        fill_disk_after(int(rest[0]))
    elif mode == "slow":
        _slow(rest[0])
    elif mode == "warn":
        _warn()
    _cli(args)


if __name__ == "__main__":
    main(sys.argv[1:])
