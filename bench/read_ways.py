"""The ways of getting a sheet's cells into Python, measured side by side in one process.

    python bench/read_ways.py [bench/data/b] [--rounds 3]

Issue 17 asks whether reading columns into Arrow (fastexcel) instead of calamine's Python
lists would bring ledgerkit to bare calamine's time. What ledgerkit's parsers need is every
cell's value with its type (an Excel time ``7:30`` is not the text ``7:30``, a date cell is
not a serial); so the question is what each way costs *up to the values the parsers read*:

- ``calamine``: python-calamine, ``get_sheet_by_name`` + ``to_python`` (what ledgerkit does);
- ``fastexcel, Arrow only``: fastexcel's typed read into Arrow memory (the floor; a mixed
  column becomes text there, so this alone does not give the parsers what they need);
- ``fastexcel, as text → Python``: every column read as text, to Arrow, to Python lists
  (needs pyarrow: fastexcel hands out Arrow only) — the per-cell type is lost.

CPU seconds (``time.process_time``) of each way per round, the median printed. Nothing is
written. The figures and what they mean are in docs/benchmarks.md ("The Arrow way").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def _calamine(path: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names)


def _fastexcel_arrow(path: Path) -> int:
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    return sum(reader.load_sheet(name, header_row=None).height for name in reader.sheet_names)


def _fastexcel_text(path: Path) -> int:
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    rows = 0
    for name in reader.sheet_names:
        table = reader.load_sheet(name, header_row=None, dtypes="string").to_arrow()
        columns = [column.to_pylist() for column in table.columns]
        rows += len(columns[0]) if columns else 0
    return rows


_IMPORTS: dict[str, float] = {}


def _available(module: str) -> bool:
    """Whether ``module`` imports; the CPU its first import took goes in ``_IMPORTS``."""
    start = time.process_time()
    try:
        __import__(module)
    except ImportError:
        return False
    _IMPORTS.setdefault(module, time.process_time() - start)
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(Path(__file__).parent / "data" / "b"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    files = sorted(p for p in Path(args.corpus).rglob("*.xlsx") if not p.name.startswith("~$"))
    if not files:
        print(f"no .xlsx under {args.corpus}: make the corpus first (python bench/generate.py)", file=sys.stderr)
        return 2
    _available("python_calamine")
    ways = {"calamine → Python lists": _calamine}
    if _available("fastexcel"):
        ways["fastexcel → Arrow only"] = _fastexcel_arrow
        if _available("pyarrow"):
            ways["fastexcel, as text → Arrow → Python lists"] = _fastexcel_text
    times: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(args.rounds):
        for way, read in ways.items():
            start = time.process_time()
            rows = sum(read(path) for path in files)
            times[way].append(time.process_time() - start)
    print(f"{args.corpus}: {len(files)} file(s), {rows:,} rows a way, median CPU of {args.rounds} rounds")
    base = statistics.median(times["calamine → Python lists"])
    for way, seconds in times.items():
        median = statistics.median(seconds)
        print(f"  {way:45} {median:6.2f} s   {median / base:4.2f} × calamine")
    print("  imports (first, this process): " + ", ".join(f"{m} {s:.2f} s" for m, s in _IMPORTS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
