"""The whole corpus through the command a person runs: no traceback, no dead process.

`ledgerkit inspect` and `ledgerkit aggregate --skip-bad` over ../shared/corpus (~350 real
files: encrypted, truncated, bombs, files that abort python-calamine), each as a real
process with a time bound. Skipped where the corpus is absent (a user's clone).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason=f"no corpus at {CORPUS}"),
]


def ledgerkit(*args, timeout=900):
    return subprocess.run(
        [sys.executable, "-m", "ledgerkit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def corpus_files():
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


def test_inspect_every_corpus_file(tmp_path):
    result = ledgerkit("inspect", CORPUS)
    out = result.stdout + result.stderr
    # 2: some files cannot be read, and each of those gets its one line
    assert result.returncode == 2, out[-2000:]
    assert "Traceback" not in out
    named = {line.split(":")[0].split(" (")[0] for line in out.splitlines() if line.startswith(str(CORPUS))}
    missing = [str(p) for p in corpus_files() if str(p) not in named]
    assert not missing, missing[:10]
    for line in out.splitlines():
        if line.startswith(str(CORPUS)) and not line.rstrip().endswith(")"):
            # a file that was not read: its line says why, in words
            reason = line.split(": ", 1)[1] if ": " in line else ""
            assert len(reason) > 5 and "Error" not in reason, line


def test_aggregate_skip_bad_over_the_corpus(tmp_path):
    out_csv = tmp_path / "rows.csv"
    result = ledgerkit("aggregate", CORPUS, "--skip-bad", "-o", out_csv, "--lang", "en")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-2000:]
    assert "Traceback" not in out
    assert out_csv.exists()
    accounting = next(line for line in out.splitlines() if "rows read" in line)
    read, rest = accounting.split("rows read ")[1].split(" = consolidated ")
    consolidated, rejected = rest.split(" + rejected ")
    assert int(read.replace(",", "")) == int(consolidated.replace(",", "")) + int(rejected.replace(",", ""))
