"""Run every benchmark under bench/ (files named bench_*.py) and print their figures as a Markdown table.

Each module defines ``run() -> list[tuple]``: (what, figure, target), or (what, figure, target, floor, ratio)
where the figure has a floor measured in the same run (hand-written SQL for the same result on the same data,
interleaved with ours) and their ratio. Usage: ``make bench`` or ``python bench/run.py [name ...]``. Record
the figures in docs/benchmarks.md with the command.
"""

import importlib.util
import platform
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names):
    rows = []
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem.removeprefix("bench_") not in names:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.name}", file=sys.stderr, flush=True)
        rows += [(path.stem, *row) for row in module.run()]
    header = f"Run {datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, {platform.machine()}"
    columns = "| benchmark | what | figure | floor | ratio | target |"
    lines = [header, "", columns, "|---|---|---|---|---|---|"]
    for bench, what, figure, target, *floor in rows:
        floor, ratio = floor or ("—", "—")
        lines.append(f"| {bench} | {what} | {figure} | {floor} | {ratio} | {target} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
