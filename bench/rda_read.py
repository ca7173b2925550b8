"""How long the raw table of each R data file (.rda) in the shared data takes to read, before and
after ingest/readers/rserialize.py, printed in seconds per file and in total.

"before" is the reader as it was: `rdata.read_rda` (pure Python, kept as a test dependency) for the
data frame and json.dumps, row by row, for an sf frame's geometry. "after" is the reader as it is.
Both go through `ingest.readers.read_source` with the catalog source whose layout names the file,
and the two tables are compared (polars' equals): a difference is printed and fails the run.
Each figure is the median of --runs rounds, wall-clock and CPU seconds (the CPU figure moves less
on a shared machine): `.venv/bin/python bench/rda_read.py`.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import polars as pl

from ingest.catalog import SOURCES, FileLayout, Source
from ingest.readers import rda, read_source

REPO = Path(__file__).resolve().parents[1]


def rdata_data_frame(source: Source, layout: FileLayout, path: Path):
    """The data frame as the reader found it before: rdata's own conversion."""
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        objects = rdata.read_rda(path, default_encoding=layout.encoding)
    name = layout.rda_object or next(iter(objects))
    return objects[name], name


@contextmanager
def before() -> Iterator[None]:
    saved = rda._data_frame, rda._polygon_texts
    rda._data_frame, rda._polygon_texts = rdata_data_frame, lambda geometries: None
    try:
        yield
    finally:
        rda._data_frame, rda._polygon_texts = saved


def timed(read: Callable[[], pl.DataFrame], runs: int) -> tuple[float, float, pl.DataFrame]:
    """Median wall-clock and CPU seconds of `runs` reads, and the table read."""
    wall, cpu, table = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        table = read()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=3, help="rounds; medians are printed")
    args = parser.parse_args()

    layouts = {layout.file_name: source for source in SOURCES for layout in source.layouts}
    files = [p for p in sorted(Path(args.data).rglob("*.rda")) if p.name in layouts]
    read_source(layouts[files[0].name], files[0])  # imports (pandas, pyarrow) outside the timings
    print(
        f"{'file':38} {'before':>8} {'after':>8} {'speed-up':>9}  {'cpu before':>10} "
        f"{'cpu after':>9}  table"
    )
    totals = [0.0, 0.0, 0.0, 0.0]
    failed = False
    for path in files:
        read = partial(read_source, layouts[path.name], path)
        with before():
            old_time, old_cpu, old = timed(read, args.runs)
        new_time, new_cpu, new = timed(read, args.runs)
        same = old.schema == new.schema and old.equals(new)
        failed |= not same
        for i, figure in enumerate((old_time, new_time, old_cpu, new_cpu)):
            totals[i] += figure
        print(
            f"{path.name:38} {old_time:7.2f}s {new_time:7.2f}s {old_time / new_time:8.1f}x  "
            f"{old_cpu:9.2f}s {new_cpu:8.2f}s  {new.height} x {new.width} "
            f"{'identical' if same else 'DIFFERENT'}"
        )
    old_time, new_time, old_cpu, new_cpu = totals
    print(
        f"{f'total ({len(files)} files)':38} {old_time:7.2f}s {new_time:7.2f}s "
        f"{old_time / new_time:8.1f}x  {old_cpu:9.2f}s {new_cpu:8.2f}s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
