"""The benchmark: ledgerkit against the floor and the hand-written way, in one run.

For each corpus (see ``bench/generate.py``), every variant runs as a whole process —
interpreter start, imports, reading, writing — several times, the order alternating
from one round to the next so that neither side always runs on a warm page cache:

* ``ledgerkit → csv``   ``ledgerkit aggregate <corpus> -o rows.csv``
* ``ledgerkit → xlsx``  ``ledgerkit aggregate <corpus> -o report.xlsx``
* ``calamine``          bare python-calamine: every sheet's cells into Python lists (the floor)
* ``fastexcel``         fastexcel: every sheet into Arrow memory (a floor that makes no Python objects)
* ``pandas+openpyxl``   ``pandas.read_excel(sheet_name=None, engine="openpyxl")`` per file,
  concatenated, hours summed per project (the script people write by hand)

The figures are the median wall time and the peak RSS: of the largest single process
(``wait4``'s ``ru_maxrss``, which covers a process and the workers it reaped) and of the
whole process tree (sampled from /proc every 20 ms). After the runs, ledgerkit's CSV
and xlsx are checked against the generator's truth: hours per project, rows
consolidated, rows rejected. A mismatch fails the benchmark (exit 1).

Usage:
    python bench/run.py                 # corpora a, b, c, findings, small, copy; writes docs/benchmarks.md
    python bench/run.py --quick         # every corpus but c, 3 rounds
    python bench/run.py --corpus a --repeat 7 --no-write
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py)

PY = sys.executable

CALAMINE = r"""
import sys
from python_calamine import CalamineWorkbook
cells = 0
for path in sys.argv[1:]:
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += sum(len(r) for r in rows)
print(cells)
"""

FASTEXCEL = r"""
import sys
import fastexcel
rows = 0
for path in sys.argv[1:]:
    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        sheet = reader.load_sheet(name, header_row=None, dtypes="string")
        rows += sheet.height
print(rows)
"""

# What a person writes by hand: it knows the header is on row 4, and coerces what is not
# a number to NaN (so 7:30 and ７．５ silently drop out: its total is wrong, as such
# scripts' totals are). Only its time is compared.
PANDAS = r"""
import sys
import pandas as pd
frames = []
for path in sys.argv[1:]:
    for name, df in pd.read_excel(path, sheet_name=None, engine="openpyxl", header=3).items():
        df = df[df["日付"] != "合計"]
        frames.append(df)
df = pd.concat(frames, ignore_index=True)
df["工数(h)"] = pd.to_numeric(df["工数(h)"], errors="coerce")
print(df.groupby("案件コード")["工数(h)"].sum().sum())
"""


@dataclass
class Variant:
    name: str
    argv: list[str]
    output: Path | None = None
    times: list[float] = field(default_factory=list)
    rss_process: list[int] = field(default_factory=list)  # KiB
    rss_tree: list[int] = field(default_factory=list)  # KiB
    cpu: list[float] = field(default_factory=list)  # user + system seconds, workers included
    failed: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def _tree_rss_kib(root: int) -> int:
    """RSS of ``root`` and its descendants, in KiB (0 when it is gone)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        # a descendant was started after ``root`` (pids grow; a wrap-around only misses some)
        if not entry.isdigit() or int(entry) < root:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(stat[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(stat[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def run_once(v: Variant, cwd: Path, timeout: float) -> None:
    """Run ``v`` once as a whole process; record wall time and peak RSS."""
    if v.output is not None and v.output.exists():
        v.output.unlink()
    stem = v.name.replace(" ", "_")
    err = open(cwd / f"{stem}.stderr", "wb")
    out = open(cwd / f"{stem}.stdout", "wb")
    t0 = time.perf_counter()
    proc = subprocess.Popen(v.argv, cwd=cwd, stdout=out, stderr=err)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss_kib(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    elapsed = time.perf_counter() - t0
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.close()
    out.close()
    code = proc.returncode
    if code not in (0, 1):  # ledgerkit exits 1 only under --strict; 2 is unreadable input
        tail = (cwd / f"{v.name.replace(' ', '_')}.stderr").read_text(errors="replace").strip().splitlines()[-3:]
        v.failed = f"exit {code}: {' / '.join(tail)}"
        return
    v.times.append(elapsed)
    v.cpu.append(usage.ru_utime + usage.ru_stime)
    v.rss_process.append(usage.ru_maxrss)
    v.rss_tree.append(max(peak[0], usage.ru_maxrss))


def _ledgerkit() -> str:
    exe = Path(PY).with_name("ledgerkit")
    return str(exe) if exe.exists() else shutil.which("ledgerkit") or "ledgerkit"


def variants_for(corpus: str, files: list[Path], target: Path, work: Path, with_pandas: bool) -> list[Variant]:
    lk = _ledgerkit()
    names = [str(f) for f in files]
    out = [
        Variant("ledgerkit → csv", [lk, "aggregate", str(target), "-o", str(work / "rows.csv"), "--force"], work / "rows.csv"),
        Variant("ledgerkit → xlsx", [lk, "aggregate", str(target), "-o", str(work / "report.xlsx"), "--force"], work / "report.xlsx"),
        Variant("calamine", [PY, "-c", CALAMINE, *names]),
        Variant("fastexcel", [PY, "-c", FASTEXCEL, *names]),
    ]
    if corpus == "copy":
        # the workbook alone: reading its edited copy too should cost no more than reading it
        original = target.parent / "original"
        out.append(Variant("ledgerkit → csv, original alone", [lk, "aggregate", str(original), "-o", str(work / "original.csv"), "--force"]))
    if with_pandas:
        out.append(Variant("pandas+openpyxl", [PY, "-c", PANDAS, *names]))
    return out


def _imported(argv: list[str], work: Path) -> list[str]:
    """Which of pandas, numpy, openpyxl, xlsxwriter ``python -X importtime -m ledgerkit argv`` imports."""
    proc = subprocess.run([PY, "-X", "importtime", "-m", "ledgerkit", *argv], cwd=work, capture_output=True, text=True)
    heavy = {"pandas", "numpy", "openpyxl", "xlsxwriter", "pyarrow"}
    seen = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    return sorted(heavy & seen)


def _small_file(data: Path, repeat: int, work: Path) -> dict:
    """One small workbook (a file of corpus ``small``): ``inspect`` and ``aggregate`` against a
    bare python-calamine read of it in a fresh interpreter, CPU seconds; and what they import."""
    files = sorted((data / "small").glob("*.xlsx"))
    if not files:
        _in_child(generate.generate, "small", data)
        files = sorted((data / "small").glob("*.xlsx"))
    one = files[0]
    lk = _ledgerkit()
    variants = [
        Variant("ledgerkit inspect", [lk, "inspect", str(one)]),
        Variant("ledgerkit aggregate", [lk, "aggregate", str(one), "-o", str(work / "one.csv"), "--force"]),
        Variant("calamine, one file", [PY, "-c", CALAMINE, str(one)]),
        Variant("ledgerkit --help", [lk, "--help"]),
    ]
    for i in range(repeat):
        for v in variants if i % 2 == 0 else variants[::-1]:
            run_once(v, work, 120)
    imports = {
        "--help": _imported(["--help"], work),
        "inspect": _imported(["inspect", str(one)], work),
        "aggregate": _imported(["aggregate", str(one), "-o", str(work / "one.csv"), "--force"], work),
    }
    return {"file": one, "kib": one.stat().st_size / 1024, "variants": variants, "imports": imports}


# --- checking the answers ------------------------------------------------------------------


def check_csv(path: Path, truth: dict) -> list[str]:
    import pandas as pd

    df = pd.read_csv(path, dtype={"project": str}, encoding="utf-8-sig", keep_default_na=False)
    return _compare(df.groupby("project")["hours"].sum().to_dict(), len(df), truth, "csv")


def check_xlsx(path: Path, truth: dict) -> list[str]:
    """The Detail sheet's hours per project, read back with calamine."""
    from python_calamine import CalamineWorkbook

    from ledgerkit.core import messages
    from ledgerkit.reports.labels import heading

    wb = CalamineWorkbook.from_path(str(path))
    detail = messages.text("sheet_detail", "ja")
    rows = wb.get_sheet_by_name(detail).to_python()
    head = [str(h) for h in rows[0]]
    try:
        cp, ch = head.index(heading("project", "ja")), head.index(heading("hours", "ja"))
    except ValueError:
        return [f"xlsx: no project/hours heading in {detail}: {head}"]
    sums: dict[str, float] = {}
    n = 0
    for row in rows[1:]:
        if row[ch] == "":
            continue
        project = row[cp]
        project = str(int(project)) if isinstance(project, float) and project.is_integer() else str(project)
        sums[project] = sums.get(project, 0.0) + float(row[ch])
        n += 1
    return _compare(sums, n, truth, "xlsx")


def _compare(sums: dict, n: int, truth: dict, what: str) -> list[str]:
    problems = []
    want = truth["hours_by_project"]
    for project in sorted(set(want) | set(map(str, sums))):
        got, exp = float(sums.get(project, 0.0)), float(want.get(project, 0.0))
        if abs(got - exp) > 1e-6:
            problems.append(f"{what}: project {project}: {got:,.2f} h, truth {exp:,.2f} h")
    if n != truth["rows_consolidated"]:
        problems.append(f"{what}: {n:,} rows, truth {truth['rows_consolidated']:,}")
    return problems


def check_accounting(stderr: Path, truth: dict) -> list[str]:
    """The accounting line: rows consolidated and rejected as the generator wrote them."""
    text = stderr.read_text(errors="replace")
    m = re.search(r"= 集計 ([\d,]+) \+ 除外 ([\d,]+)", text) or re.search(r"= ([\d,]+) consolidated \+ ([\d,]+)", text)
    if not m:
        return ["the accounting line is missing from ledgerkit's output"]
    got = (int(m.group(1).replace(",", "")), int(m.group(2).replace(",", "")))
    exp = (truth["rows_consolidated"], truth["rows_rejected"])
    return [] if got == exp else [f"accounting: consolidated + rejected = {got}, truth {exp}"]


def _check_outputs(csv_v: Variant, xlsx_v: Variant, work: Path, truth: dict) -> list[str]:
    problems = []
    if not csv_v.failed:
        problems += check_csv(csv_v.output, truth)
        problems += check_accounting(work / "ledgerkit_→_csv.stderr", truth)
    if not xlsx_v.failed:
        problems += check_xlsx(xlsx_v.output, truth)
    return problems


def _in_child(func, *args):
    """``func(*args)`` in a forked process: the runner itself stays small, for a process
    forked from it counts the runner's pages in its peak RSS until it execs."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def body() -> None:
        try:
            send.send(("ok", func(*args)))
        except BaseException as e:  # noqa: BLE001
            send.send(("error", f"{type(e).__name__}: {e}"))

    proc = ctx.Process(target=body)
    proc.start()
    send.close()
    status, value = receive.recv()
    proc.join()
    if status != "ok":
        raise RuntimeError(value)
    return value


# --- machine and versions ------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text()
        m = re.search(r"model name\s*:\s*(.+)", text)
        cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    mem = ""
    try:
        m = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        mem = f"{int(m.group(1)) / 1024 / 1024:.0f} GiB" if m else ""
    except OSError:
        pass
    versions = {}
    for pkg in ("ledgerkit", "python-calamine", "fastexcel", "pandas", "openpyxl", "xlsxwriter", "numpy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "—"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
    }


# --- the run ---------------------------------------------------------------------------------


def _fmt_s(x: float) -> str:
    return "—" if x != x else (f"{x:.2f} s" if x < 100 else f"{x:.0f} s")


def _fmt_mib(kib: list[int]) -> str:
    return f"{max(kib) / 1024:,.0f} MiB" if kib else "—"


def _startup(repeat: int, work: Path) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of ``ledgerkit --help`` and ``--version``."""
    lk = _ledgerkit()
    out = {}
    for flag in ("--help", "--version"):
        v = Variant(f"ledgerkit {flag}", [lk, flag])
        for _ in range(repeat):
            run_once(v, work, 60)
        out[flag] = (v.median, _cpu(v))
    return out


def bench_corpus(corpus: str, data: Path, repeat: int, with_pandas: bool, timeout: float) -> dict:
    truth_path = data / f"{corpus}.truth.json"
    folder = data / corpus
    files = sorted(folder.glob("*.xlsx"))
    if not truth_path.exists() or not files:
        print(f"generating corpus {corpus} …", file=sys.stderr)
        _in_child(generate.generate, corpus, data)
        files = sorted(folder.glob("*.xlsx"))
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    if corpus == "copy":
        folder = folder / "both"
        files = sorted(folder.glob("*.xlsx"))
    target = folder if len(files) > 1 else files[0]
    work = Path(tempfile.mkdtemp(prefix=f"ledgerkit-bench-{corpus}-"))
    variants = variants_for(corpus, files, target, work, with_pandas)
    for i in range(repeat):
        order = variants if i % 2 == 0 else variants[::-1]
        for v in order:
            if v.failed:
                continue
            run_once(v, work, timeout)
            print(
                f"  {corpus} round {i + 1}/{repeat} {v.name:<17} "
                + (v.failed or f"{v.times[-1]:7.2f} s {v.rss_tree[-1] / 1024:7,.0f} MiB"),
                file=sys.stderr,
            )
    problems = [f"{v.name}: {v.failed}" for v in variants[:2] if v.failed]
    problems += _in_child(_check_outputs, variants[0], variants[1], work, truth)
    rows = truth["rows_consolidated"] + truth["rows_rejected"]
    hand_total = None
    if with_pandas and not variants[-1].failed:
        try:
            hand_total = float((work / "pandas+openpyxl.stdout").read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    shutil.rmtree(work, ignore_errors=True)
    return {
        "corpus": corpus,
        "files": len(files),
        "rows": rows,
        "mb": sum(f.stat().st_size for f in files) / 1e6,
        "variants": variants,
        "problems": problems,
        "truth_hours": truth["total_hours"],
        "hand_total": hand_total,
        "load": os.getloadavg(),
    }


DESCRIPTIONS = {
    "a": "(a) 12 monthly files × 10 sheets × 2,000 rows",
    "b": "(b) one sheet, 300,000 rows",
    "c": "(c) one sheet, 1,048,576 rows (Excel's limit)",
    "findings": "(findings) 30,000 entries and an edited copy, a finding on every row of the copy",
    "small": "(small) 500 files × 100 rows",
    "copy": "(copy) 50,000 rows and an edited copy (1 % changed)",
}


def _cpu(v: Variant) -> float:
    return statistics.median(v.cpu) if v.cpu else float("nan")


def _ratio(a: float, b: float) -> float:
    return a / b if b and a == a and b == b else float("nan")


def render(results: list[dict], startup: dict, info: dict, command: str, repeat: int) -> str:
    out = []
    out.append(f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with `{command}` (median of {repeat} rounds per corpus"
               " unless noted; order alternating each round).\n")
    out.append(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; {info['os']}; Python {info['python']}.  ")
    out.append("Versions: " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()) + ".\n")
    out.append("| corpus | variant | median time | median CPU (user+sys) | peak RSS, largest process | peak RSS, process tree | runs |")
    out.append("|---|---|---:|---:|---:|---:|---:|")
    for res in results:
        for v in res["variants"]:
            cell = v.failed and f"failed: {v.failed}" or _fmt_s(v.median)
            out.append(
                f"| {DESCRIPTIONS[res['corpus']]} | {v.name} | {cell} | {_fmt_s(statistics.median(v.cpu)) if v.cpu else '—'}"
                f" | {_fmt_mib(v.rss_process)} | {_fmt_mib(v.rss_tree)} | {len(v.times)} |"
            )
    out.append("")
    out.append("| corpus | files, MB | ledgerkit → csv ÷ calamine, time (target ≤ 1.0; many small files ≤ 3) | same, CPU | ÷ fastexcel, time | pandas+openpyxl ÷ ledgerkit, time (target ≥ 10) | totals = truth |")
    out.append("|---|---:|---:|---:|---:|---:|---|")
    for res in results:
        v = {x.name: x for x in res["variants"]}
        lk = v["ledgerkit → csv"].median
        pd_ = v["pandas+openpyxl"].median if "pandas+openpyxl" in v else float("nan")
        ok = "yes" if not res["problems"] else "NO: " + "; ".join(res["problems"][:3])
        out.append(
            f"| {DESCRIPTIONS[res['corpus']]} | {res['files']}, {res['mb']:.1f} | {_ratio(lk, v['calamine'].median):.2f}"
            f" | {_ratio(_cpu(v['ledgerkit → csv']), _cpu(v['calamine'])):.2f}"
            f" | {_ratio(lk, v['fastexcel'].median):.2f} | {_ratio(pd_, lk):.1f} | {ok} |"
        )
    out.append("")
    for res in results:
        if res["hand_total"] is not None:
            t, h = res["truth_hours"], res["hand_total"]
            out.append(
                f"- {DESCRIPTIONS[res['corpus']]}: the hand-written script's total is {h:,.2f} h against the truth's"
                f" {t:,.2f} h ({(t - h) / t:.1%} of the hours lost: text cells such as `7:30` and `７．５` became NaN"
                " without a word)."
            )
    for res in results:
        v = {x.name: x for x in res["variants"]}
        if "ledgerkit → csv, original alone" in v:
            both, alone = v["ledgerkit → csv"], v["ledgerkit → csv, original alone"]
            out.append(
                f"- {DESCRIPTIONS[res['corpus']]}: the workbook and its copy {_fmt_s(both.median)} ({_fmt_s(_cpu(both))} CPU),"
                f" the workbook alone {_fmt_s(alone.median)} ({_fmt_s(_cpu(alone))} CPU): the copy costs"
                f" {_ratio(_cpu(both) - _cpu(alone), _cpu(alone)):.2f} × reading the workbook (target ≤ 1)."
            )
    out.append(
        "- Load average (1 min) after each corpus: "
        + ", ".join(f"{r['corpus']} {r['load'][0]:.1f}" for r in results)
        + f" on {info['cores']} cores."
    )
    out.append("")
    (hw, hc), (vw, vc) = startup["--help"], startup["--version"]
    out.append(
        f"Startup (target < 300 ms CPU): `ledgerkit --help` {hw * 1000:.0f} ms ({hc * 1000:.0f} ms CPU), "
        f"`ledgerkit --version` {vw * 1000:.0f} ms ({vc * 1000:.0f} ms CPU)."
    )
    small = startup.get("small")
    if small:
        out.append("")
        v = {x.name: x for x in small["variants"]}
        floor = _cpu(v["calamine, one file"])
        out.append(f"One small workbook ({small['file'].name}, {small['kib']:.1f} KiB; target < 0.5 s CPU and ≤ 16 × bare"
                   " calamine's CPU in a fresh interpreter):\n")
        out.append("| command | median time | median CPU | ÷ calamine, CPU | heavy modules imported |")
        out.append("|---|---:|---:|---:|---|")
        for name, key in (("ledgerkit inspect", "inspect"), ("ledgerkit aggregate", "aggregate"), ("ledgerkit --help", "--help"),
                          ("calamine, one file", None)):
            x = v[name]
            mods = ", ".join(small["imports"][key]) or "none" if key else ""
            out.append(f"| {name} | {_fmt_s(x.median)} | {_fmt_s(_cpu(x))} | {_ratio(_cpu(x), floor):.1f} | {mods} |")
    return "\n".join(out)


def write_doc(section: str) -> None:
    block = f"{START}\n{section}\n{END}"
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if START in text and END in text:
            text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
            DOC.write_text(text, encoding="utf-8")
            return
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(f"# Benchmarks\n\n{block}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ledgerkit benchmark: one run, alternating order, whole processes.")
    ap.add_argument("--corpus", default="a,b,c,findings,small,copy")
    ap.add_argument("--repeat", type=int, default=3, help="rounds per corpus (corpus c: at most 2)")
    ap.add_argument("--quick", action="store_true", help="every corpus but c, at most 3 rounds")
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds one process may run")
    ap.add_argument("--no-write", action="store_true", help="print the results; leave docs/benchmarks.md alone")
    args = ap.parse_args(argv)
    corpora = [c.strip() for c in args.corpus.split(",") if c.strip()]
    repeat = args.repeat
    if args.quick:
        corpora = [c for c in corpora if c != "c"]
        repeat = min(repeat, 3)
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="ledgerkit-bench-"))
    startup = _startup(max(repeat, 5), work)
    startup["small"] = _small_file(args.data, max(repeat, 5), work)
    shutil.rmtree(work, ignore_errors=True)
    results = []
    for corpus in corpora:
        # corpus c: pandas+openpyxl would take many minutes a round; the target is "completes"
        rounds = min(repeat, 2) if corpus == "c" else repeat
        results.append(
            bench_corpus(corpus, args.data, rounds, with_pandas=corpus in ("a", "b"), timeout=args.timeout)
        )
    command = "python bench/run.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    section = render(results, startup, info, command.strip(), repeat)
    print(section)
    if not args.no_write:
        write_doc(section)
        print(f"\nwrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    bad = [p for r in results for p in r["problems"]]
    for p in bad:
        print(f"MISMATCH: {p}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
