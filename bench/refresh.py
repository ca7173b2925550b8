"""Benchmark: refreshes from the real files against a hand-written DuckDB floor.

Prints wall time and peak RSS, each run in its own process and a fresh data folder (so peak RSS is
that run's alone), of:
- the like-for-like refresh: `placeindex refresh --select +marts/fct_lsoa21_deprivation`, every
  asset fct_lsoa21_deprivation is built from, with their checks and provenance;
- bench/floor.sql, which builds the same fct_lsoa21_deprivation from the same files with no checks,
  provenance or orchestration;
- the full refresh of every source and mart, with publishing, for the record (it grows with each
  source family; the floor does not);
- the same refresh again with nothing changed (target: <= 10 s, the published file untouched);
- the same again with one source's file re-saved: only it and what depends on it rebuilt.
Target (issue 3): like-for-like refresh <= 1.5 x floor + 20 s, peak RSS <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    args = parser.parse_args()
    data = Path(args.data).resolve()
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    refresh = [str(BIN / "placeindex"), "refresh", "--from-dir", str(data)]
    with tempfile.TemporaryDirectory(prefix="placeindex-bench-") as full_home:
        env_full = {**env, "PLACEINDEX_HOME": full_home}
        env_full.pop("DAGSTER_HOME", None)
        full_wall, full_rss = measure(refresh, env_full)
        published = Path(full_home) / "placeindex.duckdb"
        before = (published.read_bytes(), published.stat().st_mtime_ns)
        noop_wall, noop_rss = measure(refresh, env_full)
        unchanged = (published.read_bytes(), published.stat().st_mtime_ns) == before
        # One source re-saved by its publisher (same rows, other line endings): it and what
        # depends on it are rebuilt, and the whole warehouse published.
        resaved = Path(full_home) / "resaved"
        shutil.copytree(data, resaved)
        (changed_file,) = resaved.rglob(CHANGED_FILE)
        changed_file.write_bytes(changed_file.read_bytes().replace(b"\n", b"\r\n"))
        one_wall, one_rss = measure(
            [str(BIN / "placeindex"), "refresh", "--from-dir", str(resaved)], env_full
        )
    with tempfile.TemporaryDirectory(prefix="placeindex-bench-") as tmp:
        env_refresh = {**env, "PLACEINDEX_HOME": tmp}
        env_refresh.pop("DAGSTER_HOME", None)
        refresh_wall, refresh_rss = measure(
            [*refresh, "--select", "+marts/fct_lsoa21_deprivation"], env_refresh
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
        floor_wall, floor_rss = measure(
            [sys.executable, "-c", floor_code, f"{tmp}/floor.duckdb", str(floor_script)], env
        )
    target = 1.5 * floor_wall + 20
    print(f"{'':<52}{'wall s':>10}{'peak RSS MB':>14}")
    print(f"{'refresh +marts/fct_lsoa21_deprivation':<52}{refresh_wall:>10.1f}{refresh_rss:>14.0f}")
    print(f"{'floor (bench/floor.sql)':<52}{floor_wall:>10.1f}{floor_rss:>14.0f}")
    print(f"{'full refresh, every source, published':<52}{full_wall:>10.1f}{full_rss:>14.0f}")
    print(f"{'the same again: nothing changed':<52}{noop_wall:>10.1f}{noop_rss:>14.0f}")
    print(f"{'one source re-saved (' + CHANGED_SOURCE + ')':<52}{one_wall:>10.1f}{one_rss:>14.0f}")
    print(
        f"nothing changed: {'published file byte-identical, same mtime' if unchanged else 'the published file CHANGED'}; "
        f"target <= 10 s: {'OK' if noop_wall <= 10 and unchanged else 'OVER'}"
    )
    print(f"target: wall <= 1.5 x floor + 20 s = {target:.1f} s; peak RSS <= 1536 MB")
    print(
        f"result: wall {'OK' if refresh_wall <= target else 'OVER'}, "
        f"RSS {'OK' if refresh_rss <= 1536 else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
