"""Run the refresh job in this process and report it as a person wants to read it.

Dagster's console log is written for debugging; the CLI prints one line per materialized asset, one
per failed check, and at the end the failures with the messages that name source, file and column.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from ingest.publish import is_out_of_space


@dataclass
class RefreshOutcome:
    success: bool
    failures: list[str] = field(default_factory=list)
    checks_passed: int = 0
    checks_failed: int = 0
    published: bool = False


class _ProgressHandler(logging.Handler):
    def __init__(self, echo: Callable[[str], None]):
        super().__init__(logging.DEBUG)
        self.echo = echo

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "dagster_meta", {}).get("dagster_event")
        if event is None:
            return
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            name = materialization.asset_key.to_user_string()
            available = materialization.metadata.get("available")
            if available is not None and available.value is False:
                self.echo(f"  --   {name:<52} optional; not in this folder, loaded empty")
                return
            rows = materialization.metadata.get("dagster/row_count")
            count = f"{rows.value:>10,} rows" if rows is not None else ""
            self.echo(f"  ok   {name:<52} {count}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed:
                self.echo(
                    f"  FAIL check {evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
                )
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            self.echo(f"  FAIL step {event.step_key}")


def _progress_logger_def(echo: Callable[[str], None]) -> dg.LoggerDefinition:
    @dg.logger(description="one line per asset, for the placeindex CLI")
    def progress(_init_context) -> logging.Logger:
        logger = logging.getLogger("placeindex.progress")
        logger.handlers = [_ProgressHandler(echo)]
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        return logger

    return progress


def _instance(dagster_home: Path | None) -> dg.DagsterInstance:
    if dagster_home is None:
        # Tests and benchmarks that want no run history at all.
        return dg.DagsterInstance.ephemeral()
    from orchestration.lib.instance import ensure_instance_config

    ensure_instance_config(dagster_home)
    return dg.DagsterInstance.from_config(str(dagster_home))


def run_refresh_job(
    echo: Callable[[str], None] = print,
    *,
    dagster_home: Path | None = None,
    log_path: Path | None = None,
    select: list[str] | None = None,
    changed_sources: list[str] | None = None,
    tags: dict[str, str] | None = None,
) -> RefreshOutcome:
    """Run the refresh job; `echo` gets the progress lines, `log_path` dbt's own output.

    `select` names assets by key path ('marts/dim_lsoa21'); a leading '+' adds their upstream.
    `changed_sources` runs only those sources' raw assets and everything downstream of them.
    """
    # Importing Great Expectations takes seconds; start it now so it overlaps with the first
    # downloads and parses instead of delaying the first check.
    threading.Thread(
        target=importlib.import_module, args=("great_expectations",), daemon=True
    ).start()
    from orchestration.lib.dbt_project import (
        ensure_manifest,
        prune_run_folders,
        start_parse_warmup,
        stop_parse_warmup,
    )

    # The manifest first (its parse, when stale, writes the target folder the warm-up reads).
    ensure_manifest()
    warmup = start_parse_warmup()
    try:
        return _run(
            echo,
            dagster_home=dagster_home,
            log_path=log_path,
            select=select,
            changed_sources=changed_sources,
            tags=tags or {},
        )
    finally:
        stop_parse_warmup(warmup)
        prune_run_folders()


def resolve_selection(defs: dg.Definitions, select: list[str]) -> list[dg.AssetKey]:
    graph = defs.resolve_asset_graph()
    known = graph.get_all_asset_keys()
    selection = dg.AssetSelection.assets()
    for item in select:
        key = dg.AssetKey(item.lstrip("+").split("/"))
        if key not in known:
            names = ", ".join(sorted(k.to_user_string() for k in known)[:8])
            raise SystemExit(f"placeindex: no asset {key.to_user_string()!r} (e.g. {names}, ...)")
        chosen = dg.AssetSelection.assets(key)
        selection = selection | (chosen.upstream() if item.startswith("+") else chosen)
    return sorted(selection.resolve(graph))


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def changed_selection(asset_graph, source_ids: list[str]) -> list[dg.AssetKey]:
    """The raw assets of these sources and everything that depends on them."""
    keys = [dg.AssetKey(["raw", source_id]) for source_id in source_ids]
    return sorted(dg.AssetSelection.assets(*keys).downstream().resolve(asset_graph))


def _run(
    echo: Callable[[str], None],
    *,
    dagster_home: Path | None,
    log_path: Path | None,
    select: list[str] | None,
    changed_sources: list[str] | None,
    tags: dict[str, str],
) -> RefreshOutcome:
    from orchestration.definitions import defs

    asset_selection = resolve_selection(defs, select) if select else None
    if changed_sources:
        asset_selection = changed_selection(defs.resolve_asset_graph(), changed_sources)

    job = defs.resolve_job_def("refresh").with_logger_defs({"progress": _progress_logger_def(echo)})
    with contextlib.ExitStack() as stack:
        if changed_sources:
            # Every model is in the work database, built from the published sources: a test
            # that also reads an unchanged model (a relationship to dim_lsoa21) runs too, as in a
            # full refresh, instead of only those whose every parent was rebuilt.
            stack.enter_context(_environment(DBT_INDIRECT_SELECTION="eager"))
        instance = stack.enter_context(_instance(dagster_home))
        if log_path is not None:
            # dagster-dbt writes every dbt log line to stdout (for the UI's compute logs); at the
            # terminal those hundreds of lines would bury the progress, so they go to the log file.
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log_file = stack.enter_context(log_path.open("w", encoding="utf-8"))
            stack.enter_context(contextlib.redirect_stdout(log_file))
        if instance.is_persistent:
            from orchestration.lib.instance import cli_run_tags, fail_abandoned_runs

            for run_id in fail_abandoned_runs(instance):
                echo(f"  note earlier run {run_id} was killed before it finished; marked failed")
            tags = {**tags, **cli_run_tags()}
        result = job.execute_in_process(
            instance=instance,
            tags=tags,
            raise_on_error=False,
            run_config={"loggers": {"progress": {}}},
            asset_selection=asset_selection,
        )
        if instance.is_persistent:
            from orchestration.lib.instance import prune_runs

            prune_runs(instance)
    outcome = RefreshOutcome(success=result.success)
    for event in result.all_events:
        if (
            event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION
            and event.asset_key == dg.AssetKey("published_warehouse")
        ):
            outcome.published = True
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if evaluation.passed:
                outcome.checks_passed += 1
            else:
                outcome.checks_failed += 1
                outcome.failures.append(
                    f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} "
                    f"failed: {evaluation.description or 'see the Dagster UI'}"
                )
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.event_specific_data.error
            cause = error
            # The PlaceindexError raised by ingest code is the cause of Dagster's wrapper.
            while cause.cause is not None:
                cause = cause.cause
            message = cause.message.strip()
            if is_out_of_space(Exception(message)) and "out of disk space" not in message:
                message = (
                    f"out of disk space: {message}. Nothing was published. Free some space, or "
                    "set PLACEINDEX_HOME to a folder on a larger disk."
                )
            outcome.failures.append(f"{event.step_key}: {message}")
    if not result.success and not outcome.failures:
        outcome.failures.append("the run failed; see the Dagster UI for the event log")
    return outcome
