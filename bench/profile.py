"""Profile ``ledgerkit aggregate`` in one process (workers run inline) with pyinstrument.

Usage:
    python bench/profile.py bench/data/b -o /tmp/rows.csv [--html out.html]

The worker processes are replaced by a plain loop so that one profile shows the whole
job: reading, detecting, parsing, moving the frames back (pickled, as between
processes), consolidating, writing. pyinstrument: ``pip install pyinstrument``.
"""

from __future__ import annotations

import pickle
import sys
import time


def main(argv: list[str]) -> int:
    from pyinstrument import Profiler

    import ledgerkit.intake.isolate as isolate

    html = None
    if "--html" in argv:
        i = argv.index("--html")
        html = argv[i + 1]
        del argv[i : i + 2]

    def inline(func, items, **_):
        out = []
        for item in items:
            try:
                result = func(item)
            except BaseException as e:  # noqa: BLE001
                result = e
            # as between processes: the result crosses a pipe pickled
            out.append((item, pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))))
        return out

    isolate.run_isolated = inline
    import ledgerkit.intake.pool as pool

    pool.run_pooled = lambda func, items, while_waiting=None, **kw: (while_waiting and while_waiting(), inline(func, items))[1]
    from ledgerkit.cli.app import app

    profiler = Profiler(interval=0.001)
    t0 = time.perf_counter()
    profiler.start()
    try:
        app(["aggregate", *argv], standalone_mode=False)
    finally:
        profiler.stop()
    print(f"wall {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    if html:
        with open(html, "w", encoding="utf-8") as f:
            f.write(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
