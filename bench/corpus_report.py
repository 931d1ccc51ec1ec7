"""Read every workbook of the shared corpus and write the figures to docs/reliability.md.

    .venv/bin/python bench/corpus_report.py [--corpus ../shared/corpus] [--out docs/reliability.md] [--jobs N]

Each file goes through ``ledgerkit.intake.read.read_workbook`` in an isolated worker
(``ledgerkit.intake.isolate.run_isolated``, 120 s and 2 GB per file), and, for comparison,
through python-calamine alone (``CalamineWorkbook.from_path`` + ``to_python`` on every
sheet) in the same kind of worker, so that the files that kill a plain reader are counted.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ledgerkit.core.errors import UnreadableFileError  # noqa: E402
from ledgerkit.intake.isolate import run_isolated  # noqa: E402
from ledgerkit.intake.read import read_workbook, unreadable_message  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def summarize(path: Path) -> dict:
    """Read one file with ledgerkit (in a worker) and describe what came out."""
    started = time.perf_counter()
    wb = read_workbook(path)
    seconds = time.perf_counter() - started
    return {
        "format": wb.format,
        "reader": wb.reader,
        "sheets": len(wb.sheets),
        "rows": sum(len(s.rows) for s in wb.sheets),
        "cells": sum(len(r) for s in wb.sheets for r in s.rows),
        "seconds": seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def calamine_alone(path: Path) -> str:
    """What python-calamine does with the file on its own: 'read' or the exception type."""
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return "read"
    except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
        return type(e).__name__


def manifest(corpus: Path) -> dict[str, str]:
    notes = {}
    lines = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        if cols and cols[0]:
            notes[cols[0]] = cols[-1]
    return notes


def run(corpus: Path, jobs: int | None) -> dict:
    notes = manifest(corpus)
    files = [corpus / name for name in notes]
    started = time.perf_counter()
    results = run_isolated(summarize, files, jobs=jobs, timeout=120, memory_mb=2048)
    wall = time.perf_counter() - started
    base = run_isolated(calamine_alone, files, jobs=jobs, timeout=120, memory_mb=2048)
    return {"corpus": corpus, "notes": notes, "results": results, "wall": wall, "base": base,
            "jobs": jobs or os.cpu_count(), "overhead": isolation_overhead()}


def isolation_overhead(repeat: int = 20) -> tuple[float, float]:
    """Milliseconds to read one small CSV in-process and in an isolated worker."""
    import tempfile

    from ledgerkit.intake.isolate import read_workbook_isolated

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "small.csv"
        p.write_text("氏名,工数\n山田,7.5\n", encoding="utf-8")
        t = time.perf_counter()
        for _ in range(repeat):
            read_workbook(p)
        direct = (time.perf_counter() - t) / repeat * 1000
        t = time.perf_counter()
        for _ in range(repeat):
            read_workbook_isolated(p)
        isolated = (time.perf_counter() - t) / repeat * 1000
    return direct, isolated


HOW = """## How a file is read, or refused

1. **What it is, by content** (`ledgerkit.intake.sniff.sniff`): zip (xlsx / xlsm by content type /
   xlsb / ods by `mimetype` or manifest), OLE2 (xls with its BIFF version; encrypted OOXML by
   its `EncryptionInfo`/`EncryptedPackage` streams; encrypted xls by a FILEPASS record after
   the BOF), bare BIFF2-4 streams, text (CSV: UTF-8 with or without BOM, UTF-16, CP932),
   and what else it might be (PNG, PDF, HTML, flat ODS...). The extension is not trusted:
   an xlsx named `.xls` is read as xlsx, a PNG named `.xlsx` is refused as not a spreadsheet.
2. **Bounds before reading** (`ledgerkit.intake.read.read_workbook`): file size (200 MB); for
   zip formats, the central directory's uncompressed sizes (1 GB in total, and no member
   over 16 MB compressed more than 1000:1) and member count; nothing is decompressed first.
3. **Reading** with python-calamine under the file's true extension. Every exception,
   including `PanicException` (a `BaseException`), becomes a refusal. The grid handed to
   Python (from A1 to the last used cell) is bounded at 10 million cells per sheet before
   it is converted; calamine itself refuses ODS repeat counts beyond 100 million cells.
   A sheet's claimed `<dimension ref>` is not used: Gnumeric writes `A1:XFD1048576` for a
   2x11 sheet (`calamine/issue_174.xlsx`), and calamine does not allocate by it.
4. **Fallbacks** when calamine refuses a readable file: openpyxl for xlsx/xlsm (it parses
   XML through defusedxml, so entity bombs are refused), xlrd for Excel 2.x-5.0 files, and
   an ODS without its `mimetype` entry is read from a copy that has one.
5. **Isolation** (`ledgerkit.intake.isolate.run_isolated`): each file is read in a forked worker
   with an address-space limit and a deadline; a worker that aborts (Rust `abort`, a
   segfault), runs out of memory or time is reported for that file alone, and its stderr
   (Rust panic messages, faulthandler dumps) never reaches the terminal.

"""


def render(data: dict) -> str:
    corpus: Path = data["corpus"]
    notes = data["notes"]
    results = data["results"]
    read = [(p, r) for p, r in results if isinstance(r, dict)]
    refused = [(p, r) for p, r in results if isinstance(r, UnreadableFileError)]
    other = [(p, r) for p, r in results if not isinstance(r, (dict, UnreadableFileError))]
    by_code = collections.Counter(r.code for _, r in refused)
    by_reader = collections.Counter((r["format"], r["reader"]) for _, r in read)
    seconds = sorted((r["seconds"], p) for p, r in read)
    base = collections.Counter()
    for _, outcome in data["base"]:
        if isinstance(outcome, UnreadableFileError):
            base[{"crashed": "process killed (abort)", "out_of_memory": "process killed (memory)",
                  "timeout": "hung (killed at 120 s)"}.get(outcome.code, "error in worker")] += 1
        elif outcome == "read":
            base["read"] += 1
        else:
            base["raised an exception"] += 1
    rel = lambda p: str(Path(p).relative_to(corpus))  # noqa: E731

    out = []
    out.append("# Reliability: every workbook read, or refused with one clear line\n")
    out.append(
        "Figures from `bench/corpus_report.py` over `../shared/corpus/` (files gathered from other "
        "projects' test suites: encrypted, truncated, fuzzed, wrong extensions, BIFF2-5, Strict OOXML, "
        "bombs). Reproduce with:\n"
    )
    out.append("```\n.venv/bin/python bench/corpus_report.py\n```\n")
    out.append(
        f"Measured {dt.date.today().isoformat()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {data['jobs']} workers "
        "(each file in its own forked process, 120 s and 2 GB of address space per file).\n"
    )
    out.append("## Summary\n")
    out.append("| | files |\n|---|---:|")
    out.append(f"| in the corpus | {len(results)} |")
    out.append(f"| read | {len(read)} |")
    out.append(f"| refused with a reason | {len(refused)} |")
    out.append(f"| anything else (a crash, a traceback) | {len(other)} |")
    out.append("")
    out.append(
        f"Wall time for the whole corpus: **{data['wall']:.1f} s**. Per file (reading only, inside the worker): "
        f"median {statistics.median(s for s, _ in seconds) * 1000:.0f} ms, "
        f"max {seconds[-1][0]:.2f} s ({rel(seconds[-1][1])}).\n"
        if seconds else ""
    )
    direct, isolated = data["overhead"]
    out.append(
        f"Isolation costs little: one small CSV takes {direct:.1f} ms read in-process and "
        f"{isolated:.1f} ms read in a forked worker.\n"
    )
    rss = max(((r["rss_mb"], p) for p, r in read), default=None)
    if rss:
        out.append(f"Largest worker peak RSS: {rss[0]:.0f} MB ({rel(rss[1])}).\n")
    out.append(HOW)
    out.append("## Read, by format and reader\n")
    out.append("| format | reader | files |\n|---|---|---:|")
    for (fmt, reader), n in sorted(by_reader.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {fmt} | {reader} | {n} |")
    out.append("")
    out.append(
        "`openpyxl` and `xlrd` are fallbacks, used only when python-calamine refuses a file they can read "
        "(Excel 4 macro sheets, odd relationship parts or UTF-16 XML in OOXML; Excel 2.x-4.0 files without "
        "the OLE2 container, and BIFF5 files with code pages calamine does not know).\n"
    )
    out.append("## Refused, by reason\n")
    out.append("| code | files | what the person sees (ja / en) |\n|---|---:|---|")
    for code, n in by_code.most_common():
        example = next(r for _, r in refused if r.code == code)
        out.append(f"| `{code}` | {n} | {unreadable_message(example, 'ja')} / {unreadable_message(example, 'en')} |")
    out.append("")
    out.append("## For comparison: python-calamine alone\n")
    out.append(
        "The same files given straight to `CalamineWorkbook.from_path` (extension decides the reader) and "
        "`to_python()` on each sheet, each in an isolated worker so that the run survives:\n"
    )
    out.append("| outcome | files |\n|---|---:|")
    for what, n in base.most_common():
        out.append(f"| {what} | {n} |")
    out.append("")
    out.append("## Refused files\n")
    out.append("| file | code | reason | corpus note |\n|---|---|---|---|")
    for p, r in sorted(refused, key=lambda pr: (pr[1].code, str(pr[0]))):
        note = notes.get(rel(p), "").replace("|", "/")[:90]
        out.append(f"| {rel(p)} | `{r.code}` | {unreadable_message(r, 'en')} | {note} |")
    if other:
        out.append("\n## Not handled (bugs)\n")
        for p, r in other:
            out.append(f"- {rel(p)}: {type(r).__name__}: {r}")
    out.append("")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "reliability.md")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    if not (args.corpus / "MANIFEST.tsv").is_file():
        print(f"Error: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    data = run(args.corpus, args.jobs)
    text = render(data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    read = sum(isinstance(r, dict) for _, r in data["results"])
    print(f"{len(data['results'])} files: {read} read, {len(data['results']) - read} refused, "
          f"{data['wall']:.1f} s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
