"""Running one catalogued fault through the product's own code, and what the user then reads.

A file fault materializes the source's real raw asset (orchestration.lib.raw_assets) on a folder
holding the bad file, and its failures are worded as `placeindex refresh` prints them at the end of
a failed run (`  - <line>`): `raw__<source_id>: <error class>: <message>` for a step that raised,
`check raw/<source_id>:great_expectations_suite failed: <message>` for a failed suite.
tests/faults/test_bad_inputs.py holds that wording to the CLI's own for one fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.faults.catalogue import (
    ACCEPTED,
    CHECK,
    DOWNLOAD_REFUSED,
    ERROR_CLASSES,
    REFUSED,
    SUITE_FAILS,
    Fault,
)
from tests.faults.server import FaultServer

# The second line a failed blocking check adds: Dagster's, the same for every source.
CHECK_STEP_FAILURE = (
    "raw__{source_id}: dagster._core.errors.DagsterAssetCheckFailedError: 1 blocking asset check "
    "failed with ERROR severity:\nraw/{source_id}: " + CHECK
)


@dataclass(frozen=True)
class Observed:
    outcome: str
    message: str
    lines: tuple[str, ...]  # the refresh's failure lines, placeholders in
    rows: int | None = None
    error: str | None = None  # the class of a refused file's error (short name)


def expected_lines(fault: Fault) -> tuple[str, ...]:
    """The failure lines a refresh prints for the fault, from its catalogue entry."""
    if fault.outcome == REFUSED:
        return (f"raw__{fault.source_id}: {ERROR_CLASSES[fault.error]}: {fault.message}",)
    if fault.outcome == SUITE_FAILS:
        return (
            f"check raw/{fault.source_id}:{CHECK} failed: {fault.message}",
            CHECK_STEP_FAILURE.format(source_id=fault.source_id),
        )
    return ()


def placeholders(text: str, tmp: Path, port: int | None = None) -> str:
    text = text.replace(str(tmp.resolve()), "<tmp>").replace(str(tmp), "<tmp>")
    if port is not None:
        text = text.replace(f"127.0.0.1:{port}", "127.0.0.1:<port>")
    return text


def run_file_fault(fault: Fault, tmp: Path) -> Observed:
    import dagster as dg

    from ingest.catalog import get_source
    from orchestration.lib.raw_assets import build_raw_asset
    from orchestration.resources import WarehouseResource

    assert fault.files is not None
    folder = tmp / "sources"
    folder.mkdir(parents=True)
    for name, data in fault.files().items():
        (folder / name).write_bytes(data)
    resource = WarehouseResource(home=str(tmp / "home"), from_dir=str(folder), demo=False)
    result = dg.materialize(
        [build_raw_asset(get_source(fault.source_id))],
        resources={"warehouse_db": resource},
        raise_on_error=False,
    )
    lines: list[str] = []
    rows = None
    error = None
    check_message = None
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            count = event.event_specific_data.materialization.metadata.get("dagster/row_count")
            rows = count.value if count is not None else None
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed:
                check_message = evaluation.description
                lines.append(
                    f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} "
                    f"failed: {evaluation.description or 'see the Dagster UI'}"
                )
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            cause = event.event_specific_data.error
            while cause.cause is not None:
                cause = cause.cause
            lines.append(f"{event.step_key}: {cause.message.strip()}")
            error = cause.cls_name
    lines = [placeholders(line, tmp) for line in lines]
    if check_message is not None:
        return Observed(SUITE_FAILS, placeholders(check_message, tmp), tuple(lines), rows)
    if error is not None:
        message = re.sub(r"^raw__\w+: [\w.]+: ", "", lines[0], count=1)
        return Observed(REFUSED, message, tuple(lines), rows, error)
    return Observed(ACCEPTED, "", tuple(lines), rows)


def run_network_fault(fault: Fault, tmp: Path, server: FaultServer) -> Observed:
    from ingest import http
    from ingest.catalog import get_source

    assert fault.serve is not None
    source = get_source(fault.source_id)
    layout = source.default_layout
    url = server.route("/" + layout.file_name, lambda handler: fault.serve(handler, server))
    # The refresh's retries (make_session's defaults) without their back-off waits; no proxy.
    session = http.make_session(backoff_factor=0)
    session.trust_env = False
    incoming = tmp / "incoming"
    options = {"timeout": (2, 0.5), **fault.fetch_options}
    try:
        http.fetch(
            url,
            incoming,
            layout.file_name,
            source_id=source.source_id,
            expected_format=layout.format,
            session=session,
            **options,
        )
    except http.FetchError as exc:
        # Whatever failed, nothing (whole or partial) may be left for a reader to find.
        left = sorted(path.name for path in incoming.iterdir()) if incoming.exists() else []
        assert left == [], f"{fault.fault}: files left behind: {left}"
        message = placeholders(str(exc), tmp, server.port)
        return Observed(DOWNLOAD_REFUSED, message, (message,), error=type(exc).__name__)
    finally:
        session.close()
    return Observed(ACCEPTED, "", ())


# --- what `placeindex refresh` prints ------------------------------------------------------------

_TRAILERS = ("The last good warehouse is unchanged", "Full log:")


def cli_failures(stderr: str) -> list[str]:
    """The failures a failed refresh lists (`  - <failure>`, a failure's own line breaks kept)."""
    lines = stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Refresh FAILED"))
    failures: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith(_TRAILERS):
            break
        if line.startswith("  - "):
            failures.append(line[4:])
        else:
            failures[-1] += "\n" + line
    return failures


def dbt_placeholders(text: str) -> str:
    """A dbt failure as the catalogue gives it: this machine's paths, the program that runs dbt
    (dbt, or a wrapper of it), the run's target folder, the test's position among all nodes and its
    time are <python-bin>, <repo>, <dbt>, <run>, <i> of <n>, <t>; the dots that pad dbt's line to
    a width (their number follows the digits of those counts) are three."""
    import sys

    from tests.conftest import REPO_ROOT

    text = text.replace(str(Path(sys.executable).parent), "<python-bin>")
    text = re.sub(r"`<python-bin>/[\w.-]+ build ", "`<python-bin>/<dbt> build ", text)
    text = text.replace(str(REPO_ROOT), "<repo>")
    text = re.sub(r"placeindex_dbt_models-[0-9a-f-]+/", "placeindex_dbt_models-<run>/", text)
    text = re.sub(r"\b\d+ of \d+ (FAIL|ERROR) ", r"<i> of <n> \1 ", text)
    text = re.sub(r" \.{3,} \[", " ... [", text)
    return re.sub(r" in \d+(\.\d+)?s\]", " in <t>s]", text)
