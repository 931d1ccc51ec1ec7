"""A throwaway PostgreSQL cluster for the ledger tests: ``initdb`` + ``pg_ctl`` in a temporary folder.

The server listens on a Unix socket in that folder only (no TCP port), trusts local
connections, and is stopped (``pg_ctl stop -m immediate``) and removed at the end of the
session. PostgreSQL refuses to run as root: as root (CI, this machine) the cluster runs as
the ``postgres`` user that Debian's package creates (or a system user made here), through
``runuser``. Without the server binaries or psycopg, the PostgreSQL tests are skipped with a
message saying what to install.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import random
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

#: who owns and runs the cluster when the tests run as root
SERVICE_USERS = ("postgres", "ledgerkit-pg")


def find_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on the PATH, else Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _service_user() -> str | None:
    for name in SERVICE_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USERS[-1]],
                          capture_output=True, text=True)
    return SERVICE_USERS[-1] if done.returncode == 0 else None


class Cluster:
    """A running cluster; :meth:`new_database` gives each test a database of its own."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="ledgerkit-pg-"))
        self.data = self.folder / "data"
        self.port = random.randint(20000, 60000)
        self.user = None
        self._count = itertools.count(1)
        if os.geteuid() == 0:
            self.user = _service_user()
            if self.user is None:
                raise RuntimeError("running as root and no user to run PostgreSQL as (useradd failed)")
            info = pwd.getpwnam(self.user)
            os.chown(self.folder, info.pw_uid, info.pw_gid)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            if shutil.which("runuser"):
                command = ["runuser", "-u", self.user, "--", *command]
            else:
                command = ["su", self.user, "-s", "/bin/sh", "-c", shlex.join(command)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    def start(self) -> "Cluster":
        self._run("initdb", "-D", str(self.data), "-U", "ledgerkit", "--auth=trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        options = f"-k {self.folder} -c listen_addresses='' -p {self.port} -F"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")
        return self

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://ledgerkit@/{database}?host={self.folder}&port={self.port}"

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"ledger_{os.getpid()}_{next(self._count)}"
        with psycopg.connect(host=str(self.folder), port=self.port, user="ledgerkit", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
