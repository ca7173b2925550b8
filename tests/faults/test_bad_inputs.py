"""Every catalogued bad input ends as tests/faults/catalogue.py says, through the refresh's own code,
with the exact message the user reads; and docs/reliability.md's table is the catalogue's."""

from __future__ import annotations

import pytest

from tests.faults import reliability
from tests.faults.catalogue import ACCEPTED, FAULTS, REFUSED, Fault
from tests.faults.harness import (
    cli_failures,
    expected_lines,
    placeholders,
    run_file_fault,
    run_network_fault,
)
from tests.faults.server import fault_server

pytestmark = pytest.mark.faults


def _id(fault: Fault) -> str:
    return f"{FAULTS.index(fault) + 1:02d}-{fault.fault}"


FILE_FAULTS = [fault for fault in FAULTS if fault.kind == "file"]
NETWORK_FAULTS = [fault for fault in FAULTS if fault.kind == "network"]


@pytest.fixture(scope="module")
def server():
    with fault_server() as running:
        yield running


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=_id)
def test_a_bad_file_ends_as_catalogued(fault: Fault, tmp_path) -> None:
    observed = run_file_fault(fault, tmp_path)

    assert (observed.outcome, observed.message) == (fault.outcome, fault.message)
    assert observed.lines == expected_lines(fault)
    if fault.outcome == REFUSED:
        assert observed.error == fault.error
    if fault.outcome == ACCEPTED:
        assert observed.rows == fault.rows


@pytest.mark.parametrize("fault", NETWORK_FAULTS, ids=_id)
def test_a_bad_download_ends_as_catalogued(fault: Fault, tmp_path, server) -> None:
    observed = run_network_fault(fault, tmp_path, server)

    assert (observed.outcome, observed.message) == (fault.outcome, fault.message)
    assert observed.error == "FetchError"


def test_the_refresh_prints_the_catalogued_lines(tmp_path, monkeypatch, capsys) -> None:
    """The harness words failures as `placeindex refresh` does: one refresh of two bad sources, a
    file refused when read (its error raised while handling a gzip error) and a failed suite."""
    from orchestration.cli import main

    chosen = [
        next(f for f in FILE_FAULTS if f.fault == "truncated file" and ".csv.gz" in f.message),
        next(f for f in FILE_FAULTS if f.fault == "out-of-range rank"),
    ]
    folder = tmp_path / "sources"
    folder.mkdir()
    for fault in chosen:
        for name, data in fault.files().items():
            (folder / name).write_bytes(data)
    # The refresh sets these for its Dagster resources; they are put back after the test.
    for name in ("PLACEINDEX_HOME", "PLACEINDEX_FROM_DIR", "PLACEINDEX_DEMO", "DAGSTER_HOME"):
        monkeypatch.delenv(name, raising=False)
    selection = [part for fault in chosen for part in ("--select", f"raw/{fault.source_id}")]

    code = main(
        ["--home", str(tmp_path / "home"), "refresh", "--from-dir", str(folder), *selection]
    )

    assert code == 1
    printed = [placeholders(line, tmp_path) for line in cli_failures(capsys.readouterr().err)]
    assert sorted(printed) == sorted(line for f in chosen for line in expected_lines(f))


def test_the_reliability_doc_lists_the_catalogue() -> None:
    doc = reliability.DOC.read_text(encoding="utf-8")
    assert doc == reliability.rewritten(doc), "run: python -m tests.faults.reliability"
    assert len(FAULTS) >= 25
