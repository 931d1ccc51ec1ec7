"""Shared pytest configuration and fixtures.

``pytest --update-golden`` rewrites the golden files under ``tests/golden/`` instead of
comparing against them; review the diff (and open the files) before committing.
Others may append fixtures below.
"""

from __future__ import annotations

import pytest


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
