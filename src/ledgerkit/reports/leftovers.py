"""What a run leaves beside its output while it writes, and what a killed run left there.

A report is written to a hidden temporary file beside its target (``.report.xlsx.TAG.XXXX.partial``)
and renamed over the target when complete; an xlsx report's working files (xlsxwriter's row
files and parts) go to a hidden folder beside it (``.report.xlsx.TAG.XXXX.tmp``), so that they are
on the same disk as the report and never pile up in ``$TMPDIR``. ``TAG`` is ``host-pid``: the
machine and the process that writes them.

Ctrl-C, SIGTERM and SIGHUP remove them on the way out. SIGKILL, a power cut or a crash cannot:
the next run that writes the same output removes what a run that is no longer alive left
(:func:`remove_stale`): on this machine, a process id that no longer runs; from another machine
(a shared folder), leftovers older than a day.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
import time
from pathlib import Path

#: leftovers from another machine (whose processes cannot be seen) are removed after this
FOREIGN_AGE = 24 * 3600
#: leftovers without a tag (written before tags existed) are removed after this
UNTAGGED_AGE = 3600
_SUFFIXES = (".partial", ".tmp")


def _host() -> str:
    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return re.sub(r"[^A-Za-z0-9]", "", name)[:16] or "host"


def _tag(target: Path) -> str:
    # a long file name keeps room for the rest (255 bytes per name on most file systems)
    if len(target.name.encode("utf-8", "surrogateescape")) > 180:
        return str(os.getpid())
    return f"{_host()}-{os.getpid()}"


def prefix(target: Path) -> str:
    """The start of the name of this process's temporary files for ``target``."""
    return f".{target.name}.{_tag(target)}."


def temp_folder(target: Path) -> Path:
    """A new hidden folder beside ``target`` for a writer's working files (removed by the caller)."""
    return Path(tempfile.mkdtemp(prefix=prefix(target), suffix=".tmp", dir=target.parent))


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files and folders of ``target`` that a dead run left; returns them.

    Never raises: what cannot be looked at or removed stays.
    """
    head = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not name.startswith(head) or not name.endswith(_SUFFIXES):
            continue
        tag = name[len(head):].split(".", 1)[0]
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not _is_stale(tag, now - st.st_mtime):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def _is_stale(tag: str, age: float) -> bool:
    host, _, pid = tag.rpartition("-")
    if not pid.isdigit():
        return age > UNTAGGED_AGE  # mkstemp's random part: written before tags existed
    if host and host != _host():
        return age > FOREIGN_AGE
    return not pid_alive(int(pid))


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (True when it cannot be told)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows
    # os.kill would end the process on Windows: ask the kernel about it instead
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except Exception:  # noqa: BLE001
        return True
