"""A sensor that asks each publisher whether its file changed, and refreshes only what did.

Off by default, like the daily schedule: turn it on in the UI (`make dev`) where the internet is
reachable. Every six hours it asks each file source's URL with the last landing's validators
(ingest/changes.py); when some changed, it requests one run of the refresh job for those raw
assets and everything downstream of them (their staging, intermediate and mart models, their
checks, and the publish, which stays all-or-nothing). A release starts one run: the cursor keeps
the validators it was requested for.
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from ingest.catalog import SOURCES
from ingest.changes import check_sources
from ingest.settings import load_settings
from orchestration.defs.jobs import refresh_job
from orchestration.lib.progress import changed_selection

CHECK_EVERY_SECONDS = 6 * 60 * 60


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=CHECK_EVERY_SECONDS,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=(
        "Asks each publisher whether its file changed since it was landed (a conditional request "
        "with the landing's ETag / Last-Modified; the 360Giving registry's current URL for grant "
        "files) and refreshes only the changed sources and what depends on them."
    ),
)
def publisher_changes(context: dg.SensorEvaluationContext):
    settings = load_settings()
    if settings.source_mode != "internet":
        return dg.SkipReason(
            f"sources come from {settings.source_mode} (PLACEINDEX_FROM_DIR or PLACEINDEX_DEMO "
            "is set): there is no publisher to ask"
        )
    changes = check_sources(list(SOURCES), settings)
    requested = json.loads(context.cursor) if context.cursor else {}
    changed = [
        change
        for change in changes
        if change.status == "changed"
        and not (change.validator and requested.get(change.source_id) == change.validator)
    ]
    unknown = sum(change.status == "unknown" for change in changes)
    for change in changes:
        if change.status != "unchanged":
            context.log.info(f"{change.source_id}: {change.status}: {change.reason}")
    if not changed:
        return dg.SkipReason(
            f"{len(changes) - unknown} sources unchanged or already requested; {unknown} could "
            "not be told (left to the scheduled refresh)"
        )
    selection = changed_selection(
        context.repository_def.asset_graph, [change.source_id for change in changed]
    )
    stamp = sorted(f"{change.source_id}={change.validator}" for change in changed)
    context.update_cursor(
        json.dumps({**requested, **{c.source_id: c.validator for c in changed if c.validator}})
    )
    return dg.RunRequest(
        run_key=hashlib.sha256("\n".join(stamp).encode()).hexdigest()[:16],
        asset_selection=selection,
        tags={"placeindex/changed_sources": ",".join(c.source_id for c in changed)[:1000]},
    )


defs = dg.Definitions(sensors=[publisher_changes])
