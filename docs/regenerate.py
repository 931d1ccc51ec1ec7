"""Re-run the commands in docs/src/*.md.in and write docs/*.md with their real output.

    python docs/regenerate.py          # rewrites docs/cli.md and docs/monthly-close.md

The command runs shown in the docs are pasted from real runs on examples/, never typed by
hand; when a message or a sample workbook changes, run this and review the diff.

Directives, each alone on a line of a template (run in order, in a fresh folder where
examples/ is the repository's examples and out/ exists; terminal 100 columns wide):

    @@run CMD@@              a console block: "$ CMD" and what it printed (stdout + stderr)
    @@run CMD ::: TEXT@@     the same, cut before the first line starting with TEXT
    @@out CMD@@              what CMD printed, without the block (inside a hand-written block)
    @@do CMD@@               run CMD in a shell and show nothing (set-up steps)
    @@cd DIR@@               change folder for the commands that follow
    @@file PATH@@            the text of a file written by an earlier command
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
BIN = Path(sys.executable).parent
DIRECTIVE = re.compile(r"^@@(run|out|do|cd|file) (.+?)@@$")


def run(cmd: str, cwd: Path, env: dict) -> str:
    words = shlex.split(cmd)
    if words[0] == "ledgerkit":
        words[0] = str(BIN / "ledgerkit")
    done = subprocess.run(words, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)
    return done.stdout.rstrip()


def render(template: str) -> str:
    with tempfile.TemporaryDirectory(prefix="ledgerkit-docs-") as tmp:
        base = Path(tmp).resolve()
        (base / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
        (base / "out").mkdir()
        # ledgerkit in @@do lines is the one beside this python
        env = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8",
               "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")])}
        cwd = base
        out: list[str] = []
        for line in template.splitlines():
            m = DIRECTIVE.match(line)
            if not m:
                out.append(line)
                continue
            kind, arg = m.groups()
            if kind == "cd":
                cwd = (cwd / arg).resolve()
            elif kind == "do":
                subprocess.run(arg, shell=True, cwd=cwd, env=env, check=True, timeout=300)
            elif kind == "file":
                out.append((cwd / arg).read_text(encoding="utf-8").strip())
            else:
                cmd, _, cut = arg.partition(" ::: ")
                text = run(cmd, cwd, env).replace(str(base) + "/", "/path/to/ledgerkit/")
                if cut:
                    lines = text.splitlines()
                    at = next((i for i, x in enumerate(lines) if x.startswith(cut)), len(lines))
                    # keep what follows the settings (the line saying where they came from)
                    rest = [x for x in lines[at:] if x.strip() and not x.startswith(("[", " ", "#")) and "=" not in x]
                    more = len(lines) - at - len(rest)
                    text = "\n".join([*lines[:at], f"# … {more} more lines: [columns.<kind>] for every kind", *rest])
                out.append(f"```console\n$ {cmd}\n{text}\n```" if kind == "run" else text)
        return "\n".join(out).rstrip() + "\n"


def main() -> None:
    for template in sorted((DOCS / "src").glob("*.md.in")):
        target = DOCS / template.name.removesuffix(".in")
        target.write_text(render(template.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"Wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
