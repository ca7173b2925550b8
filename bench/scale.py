"""Scale benchmark: the full refresh at 1x, 10x and 100x the inputs that grow in real life.

For each factor, `demo.scale` writes the demo folder with 10,000 x N grants across the grant files,
a postcode directory (ONSPD layout) of 27,000 x N postcodes holding every grant's postcode, and
longer survey series (20 years at 100x); everything else is the demo's. Folders are cached in
data/bench-scale/x<N> and written again only when the generator changed. Each refresh runs in a
fresh data folder (`placeindex refresh --from-dir`), in its own process, under a DuckDB
memory_limit (PLACEINDEX_DUCKDB_MEMORY_LIMIT, 4GB). Printed per factor: wall time, peak RSS of the
refresh and its children (dbt), input rows (every row loaded or rejected, from meta.source_files),
rows per second, growth against the first factor, and the seconds each further million rows cost;
then each factor's slowest Dagster steps (from the run's step stats) and dbt models (from dbt's
run_results.json). Time must grow no faster than the input rows: the verdict line says OK or OVER.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bench.refresh import _fresh_env, measure
from demo import scale

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "data" / "bench-scale"
BIN = Path(sys.executable).parent
DBT_TARGET = REPO / "dbt_project" / "target"
# The sources demo.scale grows; every other source is the demo's at every factor.
GROWN = (
    *(source.source_id for source in scale.GRANT_SOURCES),
    "ons__postcode_directory",
    "ons__subnational_indicators",
    "ons__wellbeing_local_authority",
)
SLOWEST = 6


@dataclass
class Figures:
    factor: int
    generated: str
    wall: float
    cpu: float
    rss_mb: float
    rows: int
    grown_rows: int
    steps: list[tuple[str, float]] = field(default_factory=list)
    models: list[tuple[str, float]] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.wall


def _generate(factor: int, cache: Path) -> tuple[Path, str]:
    folder = cache / f"x{factor}"
    if scale.is_current(folder, factor):
        return folder, "cached"
    started = time.monotonic()
    scale.ensure_scaled_files(folder, factor)
    return folder, f"written in {time.monotonic() - started:.0f} s"


def _input_rows(published: Path) -> tuple[int, int]:
    con = duckdb.connect(str(published), read_only=True)
    try:
        rows = dict(
            con.execute(
                "select source_id, rows_loaded + coalesce(rows_rejected, 0) from meta.source_files"
            ).fetchall()
        )
    finally:
        con.close()
    return sum(rows.values()), sum(rows.get(source_id, 0) for source_id in GROWN)


def _slowest_steps(dagster_home: Path) -> tuple[str, list[tuple[str, float]]]:
    """The run's id and its slowest steps, from the run's Dagster instance."""
    from dagster import DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    instance = DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home)))
    try:
        (run,) = instance.get_runs(limit=1)
        stats = instance.get_run_step_stats(run.run_id)
    finally:
        instance.dispose()
    steps = [
        (stat.step_key, stat.end_time - stat.start_time)
        for stat in stats
        if stat.start_time is not None and stat.end_time is not None
    ]
    return run.run_id, sorted(steps, key=lambda step: -step[1])[:SLOWEST]


def _slowest_models(run_id: str) -> list[tuple[str, float]]:
    """The run's slowest dbt nodes (models and tests), from dbt's run_results.json, if the run's
    target folder is still there (the refresh keeps the newest three)."""
    for folder in DBT_TARGET.glob(f"placeindex_dbt_models-{run_id[:7]}-*"):
        results = folder / "run_results.json"
        if results.exists():
            nodes = json.loads(results.read_text())["results"]
            timings = [
                (node["unique_id"].split(".", 2)[-1], node["execution_time"]) for node in nodes
            ]
            return sorted(timings, key=lambda node: -node[1])[:SLOWEST]
    return []


def _refresh(factor: int, cache: Path, memory_limit: str) -> Figures:
    folder, generated = _generate(factor, cache)
    print(f"x{factor}: sources {folder} ({generated}); refreshing", flush=True)
    with tempfile.TemporaryDirectory(prefix=f".home-x{factor}-", dir=cache) as home:
        env = _fresh_env(
            {**os.environ, "DO_NOT_TRACK": "1", "PLACEINDEX_DUCKDB_MEMORY_LIMIT": memory_limit},
            home,
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, rss = measure([str(BIN / "placeindex"), "refresh", "--from-dir", str(folder)], env)
        # The refresh's CPU time, dbt's included: less swayed than wall time by other work.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        rows, grown = _input_rows(Path(home) / "placeindex.duckdb")
        run_id, steps = _slowest_steps(Path(home) / "dagster")
    return Figures(factor, generated, wall, cpu, rss, rows, grown, steps, _slowest_models(run_id))


def _median(runs: list[Figures]) -> Figures:
    """The median wall time of a factor's runs, the largest peak RSS, the last run's slowest."""
    last = runs[-1]
    last.wall = statistics.median(run.wall for run in runs)
    last.cpu = statistics.median(run.cpu for run in runs)
    last.rss_mb = max(run.rss_mb for run in runs)
    return last


def _report(figures: list[Figures], memory_limit: str, runs: int) -> bool:
    base = figures[0]
    print(
        f"\nfull refresh, DuckDB memory_limit {memory_limit}, median wall of {runs} run(s), "
        f"largest peak RSS ({os.cpu_count()} cores; other work on the machine makes timings noisy)"
    )
    print(
        f"{'factor':>7}{'input rows':>12}{'grown rows':>12}{'wall s':>8}{'CPU s':>8}"
        f"{'peak RSS MB':>13}{'rows/s':>9}{'wall x':>8}{'CPU x':>7}{'rows x':>8}"
        f"{'CPU s/1M more':>15}"
    )
    linear = True
    previous = None
    for figure in figures:
        wall_growth, cpu_growth = figure.wall / base.wall, figure.cpu / base.cpu
        rows_growth = figure.rows / base.rows
        marginal = ""
        if previous is not None and figure.rows > previous.rows:
            per_million = (figure.cpu - previous.cpu) / (figure.rows - previous.rows) * 1e6
            marginal = f"{per_million:.1f}"
        linear = linear and max(wall_growth, cpu_growth) <= max(rows_growth, 1.0) * 1.05
        print(
            f"{f'{figure.factor}x':>7}{figure.rows:>12,}{figure.grown_rows:>12,}"
            f"{figure.wall:>8.0f}{figure.cpu:>8.0f}{figure.rss_mb:>13,.0f}"
            f"{figure.rows_per_second:>9,.0f}{wall_growth:>8.1f}{cpu_growth:>7.1f}"
            f"{rows_growth:>8.1f}{marginal:>15}"
        )
        previous = figure
    for figure in figures:
        print(f"\n{figure.factor}x slowest Dagster steps (s):")
        for key, seconds in figure.steps:
            print(f"  {seconds:8.1f}  {key}")
        if figure.models:
            print(f"{figure.factor}x slowest dbt nodes (s):")
            for key, seconds in figure.models:
                print(f"  {seconds:8.1f}  {key}")
    verdict = "OK" if linear else "OVER"
    print(f"\ntarget time grows no faster than the input rows: {verdict}")
    return linear


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--factors", default="1,10,100", help="comma-separated, the first is the base (1,10,100)"
    )
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit (4GB)")
    parser.add_argument("--cache", default=str(CACHE), help="where the scaled folders are kept")
    parser.add_argument("--runs", type=int, default=1, help="runs per factor; medians printed")
    args = parser.parse_args()
    factors = [int(factor) for factor in args.factors.split(",")]
    cache = Path(args.cache).resolve()
    cache.mkdir(parents=True, exist_ok=True)
    figures = [
        _median([_refresh(factor, cache, args.memory_limit) for _ in range(args.runs)])
        for factor in factors
    ]
    return 0 if _report(figures, args.memory_limit, args.runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
