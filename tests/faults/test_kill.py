"""kill -9 of a refresh at 20 seeded points, and 4 readers querying through the refresh after.

Each kill lands at a point drawn (from PLACEINDEX_FAULT_SEED) inside one phase of a reference
run's timeline: a raw step (landing a source's file, loading it, running its expectation suite),
dbt starting, dbt building the models, the publish copy, just past the swap. The runs alternate
between the demo files and the same data in other bytes, so each run reloads its sources rather
than finding them already loaded. After each: the published file is byte-identical to before, or (past
the swap) the whole new one; it opens read-only with every mart; no dbt is left running; and the
next kill's refresh starts on the folder as the killed one left it, with no clean-up. The last
refresh must then succeed while 4 reader processes query the published file in a loop: no reader
error, and every answer is the old warehouse's or the new one's, never a mix.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from ingest.landing import sha256_of
from tests.faults.refresh_process import (
    KILL_SELECTION,
    REQUIRED,
    RefreshProcess,
    leftover_files,
    processes_using,
    published_state,
    same_data_other_bytes,
    start_refresh,
)

pytestmark = pytest.mark.faults

SEED = int(os.environ.get("PLACEINDEX_FAULT_SEED", "20261207"))
# How many kills each phase gets (20 in all).
PLAN = {"land, load, check": 8, "dbt start": 3, "dbt models": 4, "publish": 4, "past the swap": 1}
READERS = 4


# The delay of a publish kill starts when the publish copy appears beside the published file.
PUBLISH_COPY = "the publish copy appears"


@dataclass(frozen=True)
class KillPoint:
    phase: str
    anchor: str  # the line after which the delay starts, or PUBLISH_COPY
    delay_s: float


def _kind(line: str) -> str | None:
    words = line.split()
    if len(words) < 2 or words[0] != "ok":
        return None
    return words[1].split("/")[0]


def plan_kill_points(reference: RefreshProcess, rng: random.Random) -> list[KillPoint]:
    """Points inside each phase of a reference run, anchored on the line (or file) that opens the
    phase so a slower or faster machine still lands in it."""
    lines = reference.lines
    raw = [(t, line) for t, line in lines if _kind(line) == "raw"]
    dbt = [(t, line) for t, line in lines if _kind(line) in ("staging", "intermediate", "marts")]
    (published,) = [(t, line) for t, line in lines if _kind(line) == "published_warehouse"]
    points = []
    for _ in range(PLAN["land, load, check"]):
        # Between one source's line and the next: the next source's step, start to end.
        i = rng.randrange(len(raw) - 1)
        gap = raw[i + 1][0] - raw[i][0]
        points.append(KillPoint("land, load, check", raw[i][1], rng.uniform(0.05, 0.9) * gap))
    for _ in range(PLAN["dbt start"]):
        # From the last source to dbt's first model: the dbt step starting, dbt parsing.
        gap = dbt[0][0] - raw[-1][0]
        points.append(KillPoint("dbt start", raw[-1][1], rng.uniform(0.05, 0.9) * gap))
    for _ in range(PLAN["dbt models"]):
        i = rng.randrange(len(dbt) - 1)
        gap = dbt[i + 1][0] - dbt[i][0]
        points.append(KillPoint("dbt models", dbt[i][1], rng.uniform(0.1, 0.9) * gap))
    assert reference.publish_copy_at is not None, "the reference run wrote no publish copy"
    for _ in range(PLAN["publish"]):
        # From the copy's first byte to the rename: copying, recording the run, the read-only
        # open, the fsyncs.
        gap = published[0] - reference.publish_copy_at
        points.append(KillPoint("publish", PUBLISH_COPY, rng.uniform(0.0, 0.9) * gap))
    points.append(KillPoint("past the swap", published[1], 0.0))
    return points


def killed_step(home: Path) -> str:
    """The step the killed run was in, from the Dagster instance it recorded itself in."""
    with dg.DagsterInstance.from_config(str(home / "dagster")) as instance:
        run = instance.get_runs(limit=1)[0]
        started, ended = [], set()
        for record in instance.get_records_for_run(run.run_id, limit=100000).records:
            event = record.event_log_entry.dagster_event
            if event is None:
                continue
            if event.event_type == dg.DagsterEventType.STEP_START:
                started.append(event.step_key)
            elif event.event_type in (
                dg.DagsterEventType.STEP_SUCCESS,
                dg.DagsterEventType.STEP_FAILURE,
            ):
                ended.add(event.step_key)
        running = [step for step in started if step not in ended]
        if running:
            return running[-1]
        return f"between steps (last ended: {started[-1] if started else 'none'})"


@pytest.fixture
def kill_home(demo_home: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the published demo data folder (without its run history), and its sources."""
    home = tmp_path / "home"
    shutil.copytree(
        demo_home, home, ignore=shutil.ignore_patterns("dagster", "exports", "logs", "demo_sources")
    )
    return home, demo_home / "demo_sources"


def _start_readers(warehouse: Path, folder: Path) -> tuple[list[subprocess.Popen], Path]:
    stop = folder / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.reader", str(warehouse), str(stop), str(out)],
            cwd=Path(__file__).resolve().parents[2],
        )
        for out in (folder / f"reader-{n}.jsonl" for n in range(READERS))
    ]
    return readers, stop


def test_kill_at_20_points_then_a_clean_refresh_under_4_readers(kill_home, tmp_path):
    home, sources = kill_home
    published = home / "placeindex.duckdb"
    work_db = home / "work" / "placeindex.duckdb"
    rng = random.Random(SEED)
    context = f"(PLACEINDEX_FAULT_SEED={SEED})"

    folders = (same_data_other_bytes(sources, tmp_path / "resaved"), sources)
    reference = start_refresh(home, folders[0], select=KILL_SELECTION)
    assert reference.wait() == 0, reference.text()
    points = plan_kill_points(reference, rng)
    assert len(points) == 20

    publishes, missing = published_state(published, REQUIRED)
    assert missing == []
    digest = sha256_of(published)
    outcomes = []
    for number, point in enumerate(points, 1):
        run = start_refresh(home, folders[number % 2], select=KILL_SELECTION)
        if point.anchor == PUBLISH_COPY:
            reached = run.wait_for(lambda run=run: run.publish_copy_at is not None)
        else:
            reached = run.wait_for(
                lambda run=run, anchor=point.anchor: any(line == anchor for _, line in run.lines)
            )
        assert reached, f"kill {number} {point} {context}: run ended first\n{run.text()}"
        time.sleep(point.delay_s)
        finished_first = run.process.poll() is not None
        killed_at = time.monotonic() - run.started
        run.kill()
        step = killed_step(home)
        # dbt dies with the refresh: nothing may hold the work database now.
        deadline = time.monotonic() + 5
        while processes_using(work_db) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_using(work_db) == [], f"kill {number} {context}: dbt left running"

        runs_now, missing = published_state(published, REQUIRED)
        assert missing == [], f"kill {number} {point} {context}: marts missing {missing}"
        new_digest = sha256_of(published)
        if new_digest == digest:
            outcome = "published file byte-identical"
            assert runs_now == publishes
        else:
            # Only a whole new warehouse may replace it: one more publish recorded, every mart.
            outcome = "the complete new warehouse"
            assert runs_now == publishes + 1, f"kill {number} {context}: {runs_now} publishes"
            publishes, digest = runs_now, new_digest
        outcomes.append((number, point.phase, step, outcome, finished_first, killed_at))

    phases_hit = {phase for _, phase, _, _, finished, _ in outcomes if not finished}
    assert phases_hit == set(PLAN), outcomes
    steps = {step for _, _, step, *_ in outcomes}
    assert any(step.startswith("raw__") for step in steps), steps
    assert "placeindex_dbt_models" in steps and "published_warehouse" in steps, outcomes
    assert any(outcome.startswith("published file byte") for *_, outcome, _, _ in outcomes)

    # The refresh after the last kill, with no clean-up, under 4 readers.
    readers, stop = _start_readers(published, tmp_path)
    time.sleep(1)
    final = start_refresh(home, folders[(len(points) + 1) % 2], select=KILL_SELECTION)
    code = final.wait()
    time.sleep(1)
    stop.touch()
    for reader in readers:
        reader.wait(timeout=60)
    assert code == 0, final.text()
    assert "was killed before it finished; marked failed" in final.text()
    assert leftover_files(home) == []
    runs_after, missing = published_state(published, REQUIRED)
    assert missing == [] and runs_after == publishes + 1

    answers, errors = [], []
    for out in tmp_path.glob("reader-*.jsonl"):
        for line in out.read_text().splitlines():
            record = json.loads(line)
            (errors if "error" in record else answers).append(
                record.get("error", record.get("answer"))
            )
    assert errors == []
    distinct = {tuple(answer) for answer in answers}
    assert len(distinct) == 2, distinct  # the old warehouse, then the new: nothing in between
    old, new = sorted(distinct, key=lambda answer: answer[0])
    assert new[0] == old[0] + 1 and new[1] != old[1] and new[2] != old[2]
    assert len(answers) > 40

    report = "\n".join(
        f"| {number} | {phase} | {killed_at:.1f} s | `{step}` | {outcome} |"
        for number, phase, step, outcome, _, killed_at in outcomes
    )
    print(
        f"\nkill -9 points {context}; the reference run took {reference.lines[-1][0]:.1f} s:\n"
        f"{report}\nreaders: {len(answers)} answers, 0 errors"
    )
