"""The architecture of docs/architecture.md, enforced on the imports (read with ``ast``).

* Stages are listed once, in the ``stages:`` line of docs/architecture.md, lowest first;
  packages in one stage separated by ``|`` are peers and may not import each other.
* A module imports ledgerkit only from its own package or from a lower stage.
* No import cycle between modules, and no ledgerkit import inside a function body outside
  ``ledgerkit.cli`` (the CLI imports lazily, so that ``--help`` stays fast).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "ledgerkit"
DOC = ROOT / "docs" / "architecture.md"

#: modules at the top of the package: the public API (lazy, by name) and ``python -m ledgerkit``
TOP = {"ledgerkit", "ledgerkit.__main__"}


def stages() -> list[list[str]]:
    m = re.search(r"^stages:\s*(.+)$", DOC.read_text(encoding="utf-8"), re.M)
    assert m, "docs/architecture.md has no 'stages:' line"
    return [[p.strip() for p in stage.split("|")] for stage in m.group(1).split("→")]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for every ledgerkit import of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function: bool):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom):
                assert child.level == 0, f"{path}:{child.lineno}: relative import (write ledgerkit.… in full)"
                mod = child.module or ""
                if mod == "ledgerkit" or mod.startswith("ledgerkit."):
                    for alias in child.names:
                        sub = f"{mod}.{alias.name}"
                        found.append((sub if _is_module(sub) else mod, child.lineno, in_function))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("ledgerkit"):
                        found.append((alias.name, child.lineno, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def rank() -> dict[str, int]:
    return {pkg: i for i, stage in enumerate(stages()) for pkg in stage}


def test_every_package_has_a_stage():
    ranks = rank()
    packages = {package_of(m) for m in all_modules() if m not in TOP}
    packages.discard("data")
    assert sorted(packages - set(ranks)) == [], "packages missing from the stages line of docs/architecture.md"
    assert sorted(set(ranks) - packages) == [], "stages in docs/architecture.md that are not packages"


def test_imports_flow_one_way():
    ranks = rank()
    wrong = []
    for mod, path in all_modules().items():
        if mod in TOP:
            continue
        here = package_of(mod)
        for target, line, _ in imports(path):
            there = package_of(target)
            if target in TOP or there == "":
                if target == "ledgerkit" and here != "cli":
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: imports the public API facade")
                continue
            if there == here:
                continue
            if ranks[there] >= ranks[here]:
                what = "a peer" if ranks[there] == ranks[here] else "a higher stage"
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mod} imports {target} ({what})")
    assert wrong == [], "\n" + "\n".join(wrong)


def test_no_ledgerkit_import_inside_a_function_outside_the_cli():
    wrong = []
    for mod, path in all_modules().items():
        if package_of(mod) == "cli" or mod in TOP:
            continue
        for target, line, inside in imports(path):
            if inside:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {target} inside a function")
    assert wrong == [], "\n" + "\n".join(wrong)


def test_no_import_cycle():
    modules = all_modules()
    graph = {m: sorted({t for t, _, inside in imports(p) if not inside and t in modules and t != m})
             for m, p in modules.items()}
    # a package's __init__ importing its own submodules is how it re-exports them: not a cycle
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        stack.append(m)
        for t in graph[m]:
            if t == m.rsplit(".", 1)[0] or m == t.rsplit(".", 1)[0] and _is_init(m):
                continue
            if state.get(t) == 1:
                cycles.append(" → ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack)
        stack.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])
    assert cycles == [], "\n" + "\n".join(cycles)


def _is_init(module: str) -> bool:
    return all_modules()[module].name == "__init__.py"


def test_no_function_or_module_is_too_long():
    """No module over 600 lines (but the message catalogue), no function over 80."""
    wrong = []
    for mod, path in all_modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 600 and mod != "ledgerkit.core.messages":
            wrong.append(f"{path.relative_to(ROOT)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > 80:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}() is {n} lines")
    assert wrong == [], "\n" + "\n".join(wrong)
