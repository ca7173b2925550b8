"""Benchmark: refreshes from the real files against a hand-written DuckDB floor.

Prints wall time and peak RSS, each run in its own process and a fresh data folder (so peak RSS is
that run's alone), of:
- the like-for-like refresh: `placeindex refresh --select +marts/fct_lsoa21_deprivation`, every
  asset fct_lsoa21_deprivation is built from, with their checks and provenance;
- bench/floor.sql, which builds the same fct_lsoa21_deprivation from the same files with no checks,
  provenance or orchestration;
- the full refresh of every source and mart, with publishing, for the record (it grows with each
  source family; the floor does not);
- the same refresh again with nothing changed (the published file must be left as it was);
- the same again with one source's file re-saved: only it and what depends on it rebuilt;
- bench/floor_polars.py, the fair floor: the same table, the files read with polars and fastexcel;
- bench/floor_full.py, the full floor: every source read and every model's SQL run once.
Each figure is the median of --runs rounds (3), each in fresh folders. Targets: like-for-like
<= 1.5 x the fair floor + 10 s; nothing changed <= 10 s; full refresh <= 30 s and <= 3 x the full
floor; peak RSS <= 1 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The source the incremental figure re-saves: a CSV whose change reaches a mart and the pressures.
CHANGED_SOURCE, CHANGED_FILE = (
    "hoc_library__ge2024_results",
    "HoC-GE2024-results-by-constituency.csv",
)
BIN = Path(sys.executable).parent


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process run to completion."""
    wrapper = (
        "import resource, subprocess, sys, time;"
        "t = time.monotonic();"
        "code = subprocess.call(sys.argv[1:]);"
        "wall = time.monotonic() - t;"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024;"
        "print(f'{wall} {rss}', file=sys.stderr);"
        "sys.exit(code)"
    )
    process = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        env=env,
        capture_output=True,
        check=False,
        text=True,
    )
    if process.returncode != 0:
        sys.stdout.write(process.stdout)
        sys.stderr.write(process.stderr)
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    wall, rss = process.stderr.strip().splitlines()[-1].split()
    return float(wall), float(rss)


def _fresh_env(env: dict[str, str], home: str) -> dict[str, str]:
    fresh = {**env, "PLACEINDEX_HOME": home}
    fresh.pop("DAGSTER_HOME", None)
    return fresh


def _refreshes(data: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """One round in a fresh data folder: the full refresh, the same again with nothing changed
    (checked to leave the published file as it was), then one source re-saved."""
    refresh = [str(BIN / "placeindex"), "refresh", "--from-dir", str(data)]
    with tempfile.TemporaryDirectory(prefix="placeindex-bench-") as home:
        env_home = _fresh_env(env, home)
        figures = {"full": measure(refresh, env_home)}
        published = Path(home) / "placeindex.duckdb"
        before = (published.read_bytes(), published.stat().st_mtime_ns)
        figures["nothing changed"] = measure(refresh, env_home)
        if (published.read_bytes(), published.stat().st_mtime_ns) != before:
            raise SystemExit("a refresh with nothing changed changed the published file")
        # One source re-saved by its publisher (same rows, other line endings): it and what
        # depends on it are rebuilt, and the whole warehouse published.
        resaved = Path(home) / "resaved"
        shutil.copytree(data, resaved)
        (changed_file,) = resaved.rglob(CHANGED_FILE)
        changed_file.write_bytes(changed_file.read_bytes().replace(b"\n", b"\r\n"))
        figures["one changed"] = measure(
            [str(BIN / "placeindex"), "refresh", "--from-dir", str(resaved)], env_home
        )
    return figures


def _like_for_like(data: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """The like-for-like refresh and both floors, each in a fresh folder."""
    figures = {}
    with tempfile.TemporaryDirectory(prefix="placeindex-bench-") as tmp:
        figures["like-for-like"] = measure(
            [
                str(BIN / "placeindex"),
                "refresh",
                "--from-dir",
                str(data),
                "--select",
                "+marts/fct_lsoa21_deprivation",
            ],
            _fresh_env(env, tmp),
        )
        script = (REPO / "bench" / "floor.sql").read_text().replace("${DATA}", str(data))
        floor_script = Path(tmp) / "floor.sql"
        floor_script.write_text(script)
        floor_code = (
            "import duckdb, sys;"
            "from duckdb_extensions import import_extension;"
            "con = duckdb.connect(sys.argv[1]);"
            "import_extension('excel', con=con);"
            "con.execute('load excel');"
            "con.execute(open(sys.argv[2]).read())"
        )
        figures["floor, SQL"] = measure(
            [sys.executable, "-c", floor_code, f"{tmp}/floor.duckdb", str(floor_script)], env
        )
        figures["full floor"] = measure(
            [sys.executable, str(REPO / "bench" / "floor_full.py"), str(data), f"{tmp}/full"],
            env,
        )
        figures["floor, polars"] = measure(
            [
                sys.executable,
                str(REPO / "bench" / "floor_polars.py"),
                str(data),
                f"{tmp}/fair.duckdb",
            ],
            env,
        )
    return figures


LABELS = {
    "like-for-like": "refresh +marts/fct_lsoa21_deprivation",
    "floor, polars": "  fair floor: polars + fastexcel + DuckDB",
    "floor, SQL": "  floor.sql through DuckDB's excel extension",
    "full": "full refresh, every source, published",
    "full floor": "  full floor: every source read, every model once",
    "nothing changed": "the same again: nothing changed",
    "one changed": f"the same again: {CHANGED_SOURCE} re-saved",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=3, help="rounds; medians are printed")
    args = parser.parse_args()
    data = Path(args.data).resolve()
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    rounds = [{**_refreshes(data, env), **_like_for_like(data, env)} for _ in range(args.runs)]
    wall = {key: statistics.median(r[key][0] for r in rounds) for key in LABELS}
    rss = {key: max(r[key][1] for r in rounds) for key in LABELS}
    print(f"median of {args.runs}; peak RSS is the largest of the runs")
    print(f"{'':<52}{'wall s':>10}{'peak RSS MB':>14}")
    for key, label in LABELS.items():
        print(f"{label:<52}{wall[key]:>10.1f}{rss[key]:>14.0f}")
    like_target = 1.5 * wall["floor, polars"] + 10
    targets = [
        ("like-for-like <= 1.5 x fair floor + 10 s", wall["like-for-like"], like_target),
        ("nothing changed <= 10 s (published file untouched)", wall["nothing changed"], 10.0),
        ("full refresh <= 30 s", wall["full"], 30.0),
        ("full refresh <= 3 x full floor", wall["full"], 3 * wall["full floor"]),
        ("peak RSS <= 1024 MB", max(rss.values()), 1024.0),
    ]
    for label, value, limit in targets:
        verdict = "OK" if value <= limit else "OVER"
        print(f"target {label:<52} {value:>8.1f} / {limit:.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
