"""The dbt project as Dagster sees it, and the manifest it is built from.

`dagster dev` re-parses on start (`prepare_if_dev`); the CLI and tests parse when the manifest is
missing or older than the project's files, so a fresh clone works without a manual `dbt parse`.
What the manifest says about the published marts (which they are, which raw sources each is built
from) is read here, as pure functions of the manifest, so publishing needs no second list.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"

# dbt, Dagster and Great Expectations phone home by default; this project never does.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# A refresh of some assets (`placeindex refresh --select`) runs only the tests whose every parent
# is selected: a test that also reads an unselected model would find it missing in a new folder.
os.environ.setdefault("DBT_INDIRECT_SELECTION", "cautious")
# dbt's output lands in log files, where colour codes are noise.
os.environ.setdefault("DBT_USE_COLORS", "false")

# dagster-dbt looks for `dbt` on the PATH in places no resource setting reaches (preparing the
# project under `dagster dev`); the dbt installed beside this package is put there when no other
# is, so `make dev` works without activating the environment.
if shutil.which("dbt") is None:
    os.environ["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", "")]
    )

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _newest_source_mtime() -> float:
    newest = 0.0
    for folder in ("models", "macros", "tests"):
        for path in (DBT_PROJECT_DIR / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return max(newest, (DBT_PROJECT_DIR / "dbt_project.yml").stat().st_mtime)


def ensure_manifest() -> Path:
    manifest = dbt_project.manifest_path
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
        return manifest
    from dbt.cli.main import dbtRunner

    from orchestration.lib.dbt_child import parse_once_for_every_data_folder

    parse_once_for_every_data_folder()
    result = dbtRunner().invoke(
        [
            "parse",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--quiet",
        ]
    )
    if not result.success:
        raise RuntimeError(f"dbt parse failed: {result.exception}")
    return manifest


def read_manifest(manifest_path: Path) -> dict[str, Any]:
    return json.loads(manifest_path.read_text(encoding="utf-8"))


def _mart_models(manifest: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(unique_id, `marts.<model>`) of every model built as a table or view in the marts schema."""
    for unique_id, node in manifest["nodes"].items():
        if (
            node["resource_type"] == "model"
            and node["schema"] == "marts"
            and node["config"].get("materialized") != "ephemeral"
        ):
            yield unique_id, f"{node['schema']}.{node.get('alias') or node['name']}"


def published_marts(manifest_path: Path) -> tuple[str, ...]:
    """`marts.<model>` for every model the dbt project builds into the marts schema, sorted.

    Publishing requires each of them, so a mart added to the project is required without a second
    list to keep in step.
    """
    return tuple(sorted(name for _, name in _mart_models(read_manifest(manifest_path))))


def mart_sources(manifest: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """`marts.<model>` -> the `raw` source tables upstream of it, however many models away; sorted.

    Walks the manifest's `parent_map` (each node's `depends_on.nodes` when a manifest has none)
    through intermediate models, ephemeral models and other marts alike. A source reached by
    several paths counts once. The source id is the table's name in the dbt source `raw`, which is
    the catalog's source_id (`source.<project>.raw.<source_id>`).
    """
    nodes = manifest["nodes"]
    parent_map = manifest.get("parent_map") or {
        unique_id: node.get("depends_on", {}).get("nodes", []) for unique_id, node in nodes.items()
    }
    raw_sources = {
        unique_id: source["name"]
        for unique_id, source in manifest.get("sources", {}).items()
        if source["source_name"] == "raw"
    }
    lineage: dict[str, tuple[str, ...]] = {}
    for mart_id, mart_name in _mart_models(manifest):
        seen: set[str] = set()
        found: set[str] = set()
        pending = [mart_id]
        while pending:
            for parent in parent_map.get(pending.pop(), ()):
                if parent in seen:
                    continue
                seen.add(parent)
                if parent in raw_sources:
                    found.add(raw_sources[parent])
                else:
                    pending.append(parent)
        lineage[mart_name] = tuple(sorted(found))
    return dict(sorted(lineage.items()))


def start_parse_warmup() -> subprocess.Popen[bytes] | None:
    """Parse the dbt project in a second process while the sources load, for dbt build to reuse.

    dbt build re-parses the whole project unless `target/partial_parse.msgpack` was written with
    the same profile and project files. Parsing costs seconds of one core; the source loading
    before dbt runs keeps only the other core busy. The parse writes to its own folder and its
    result is renamed into place, so a build that starts first simply parses for itself. It runs
    through `placeindex-dbt`, as the build does, so both leave the work database's path out of
    the profile comparison (orchestration/lib/dbt_child.py).
    """
    dbt = Path(sys.executable).parent / "placeindex-dbt"
    if not dbt.exists():
        return None
    warm = DBT_PROJECT_DIR / "target" / f"warmup-{os.getpid()}"
    command = [
        str(dbt),
        "parse",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(warm),
        "--quiet",
    ]
    script = (
        "import os, shutil, subprocess, sys\n"
        "code = subprocess.call(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "src = os.path.join(sys.argv[1], 'partial_parse.msgpack')\n"
        "if code == 0 and os.path.exists(src):\n"
        "    os.replace(src, os.path.join(sys.argv[2], 'partial_parse.msgpack'))\n"
        "shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, str(warm), str(DBT_PROJECT_DIR / "target"), *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group, so stopping it also stops the dbt it started.
        start_new_session=True,
    )


def stop_parse_warmup(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait()


def prune_run_folders(keep: int = 3) -> None:
    """dagster-dbt gives every run its own target folder; keep only the newest few."""
    runs = sorted(
        (DBT_PROJECT_DIR / "target").glob("placeindex_dbt_models-*"),
        key=lambda path: path.stat().st_mtime,
    )
    for old in runs[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
