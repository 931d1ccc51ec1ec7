"""Shared pytest configuration and fixtures.

``pytest --update-golden`` rewrites the golden files under ``tests/golden/`` instead of
comparing against them; review the diff (and open the files) before committing.
Others may append fixtures below.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests explore new examples on every developer's run (the default profile). CI runs
# them derandomized (.ci/run sets LEDGERKIT_HYPOTHESIS=ci): the examples are the same on every
# run, so a gate never turns red on a case no change of ours made; a case a developer's run
# finds becomes a regression test of its own.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("LEDGERKIT_HYPOTHESIS", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/golden/ instead of comparing against them",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files (``pytest --update-golden``)."""
    return bool(request.config.getoption("--update-golden"))


# --- the ledger: every test on SQLite and on a throwaway PostgreSQL cluster -------------------


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster for the session (tests/pgcluster.py), or a clean skip saying what is missing."""
    from pgcluster import Cluster, find_bin

    bindir = find_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: PostgreSQL ledger tests skipped "
                    "(Debian: apt-get install postgresql; make test does it when run as root)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg not installed: PostgreSQL ledger tests skipped (pip install 'ledgerkit[postgres]')")
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        cluster.stop()
        pytest.skip(f"could not start a PostgreSQL cluster: {e}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    """The URL of an empty ledger database: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg_cluster").new_database()
