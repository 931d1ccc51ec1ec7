"""The public API: every name of ``ledgerkit.__all__`` is what the docs say, and stays so."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from pathlib import Path

import ledgerkit

ROOT = Path(__file__).parent.parent


def _import_everything() -> None:
    for info in pkgutil.walk_packages(ledgerkit.__path__, "ledgerkit."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def test_every_public_name_resolves_and_is_documented():
    for name in ledgerkit.__all__:
        value = getattr(ledgerkit, name)
        if name == "__version__":
            assert isinstance(value, str)
            continue
        assert not isinstance(value, types.ModuleType), f"ledgerkit.{name} is a module"
        assert inspect.getdoc(value), f"ledgerkit.{name} has no docstring"


def test_no_submodule_shadows_a_public_function():
    """After every submodule is imported, ``ledgerkit.settle`` and ``ledgerkit.render`` are still the functions."""
    _import_everything()
    fresh = importlib.reload(ledgerkit)
    for name in ledgerkit.__all__:
        assert not isinstance(getattr(fresh, name), types.ModuleType), f"ledgerkit.{name} became a module"
    for info in pkgutil.iter_modules(ledgerkit.__path__):
        assert info.name not in ledgerkit.__all__, f"submodule ledgerkit.{info.name} is named like a public function"


def test_render_is_callable_after_a_draft():
    """Issue 12: after any draft function was used, ``ledgerkit.render(...)`` raised TypeError."""
    import ledgerkit.drafts

    _import_everything()
    assert callable(ledgerkit.render) and not isinstance(ledgerkit.render, types.ModuleType)
    assert ledgerkit.render.__module__.startswith("ledgerkit.drafts")


def test_the_package_is_typed():
    assert (Path(ledgerkit.__file__).parent / "py.typed").is_file()
