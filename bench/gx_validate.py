"""Benchmark: every suite run on its real file, with and without each expectation's configuration
built once per run (`expectations.validate._configurations_built_once`).

`python bench/gx_validate.py [--rounds N]` reads every source that has a real file in
../shared/data once, then validates them all N times (3) each way and prints the median seconds of
a round and whether the reports are identical. The first validation (GX's import and context) is
left out of both.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.catalog import SOURCES
from tests.conftest import read_real_source, real_source_file

validate_module = importlib.import_module("expectations.validate")


def _round(frames: dict) -> tuple[float, dict]:
    started = time.perf_counter()
    reports = {sid: validate_module.validate(sid, frame) for sid, frame in frames.items()}
    return time.perf_counter() - started, reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    frames = {s.source_id: read_real_source(s) for s in SOURCES if real_source_file(s) is not None}
    first = next(iter(frames))
    validate_module.validate(first, frames[first])

    reuse = validate_module._configurations_built_once
    figures: dict[str, list[float]] = {"rebuilt per lookup (GX as is)": [], "built once a run": []}
    reports = {}
    for _ in range(args.rounds):
        validate_module._configurations_built_once = contextlib.nullcontext
        seconds, reports["as is"] = _round(frames)
        figures["rebuilt per lookup (GX as is)"].append(seconds)
        validate_module._configurations_built_once = reuse
        seconds, reports["once"] = _round(frames)
        figures["built once a run"].append(seconds)
    print(f"{len(frames)} suites on their real files, median of {args.rounds} rounds:")
    for name, values in figures.items():
        print(f"  {name:32} {statistics.median(values):6.1f} s")
    print(f"  reports identical: {reports['as is'] == reports['once']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
