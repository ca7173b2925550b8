"""A refresh from the internet on a machine that cannot reach the publishers stops at once, one line
per host and what to do instead, rather than spending every download's retries."""

from __future__ import annotations

import socket

from ingest.catalog import SOURCES
from ingest.http import unreachable_hosts
from orchestration.cli import main


def test_a_listening_local_host_is_reachable_and_a_missing_name_is_not():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        problems = unreachable_hosts(
            [f"https://127.0.0.1:{port}/file.csv", "https://no-such-publisher.invalid/file.csv"],
            timeout=2,
            deadline=10,
        )
    # The probe always asks port 443: a closed port on this machine is not a connection either.
    assert set(problems) >= {"no-such-publisher.invalid"}
    assert problems["no-such-publisher.invalid"].startswith("name not found")


def test_offline_refresh_stops_with_one_line_per_host_and_the_hint(tmp_path, capsys, monkeypatch):
    # An earlier refresh in this process may have left its folder or demo mode in the environment.
    for name in ("PLACEINDEX_FROM_DIR", "PLACEINDEX_DEMO", "PLACEINDEX_HOME", "PLACEINDEX_WORK_DB"):
        monkeypatch.delenv(name, raising=False)
    hosts = sorted({url.split("/")[2] for source in SOURCES for url in source.download_urls})
    monkeypatch.setattr(
        "ingest.http.unreachable_hosts",
        lambda urls, **_: {host: "name not found (no network)" for host in hosts},
    )
    assert main(["--home", str(tmp_path), "refresh"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert lines == [f"  - {host}: name not found (no network)" for host in hosts]
    assert "PLACEINDEX_FROM_DIR=DIR make run" in err and "make demo" in err
    assert not (tmp_path / "placeindex.duckdb").exists()
    assert not (tmp_path / "raw").exists()  # nothing was downloaded


def _host(url: str) -> str:
    return url.split("/")[2]


def test_a_host_whose_sources_have_another_way_is_a_warning(tmp_path, capsys, monkeypatch):
    """Down: a host every one of whose required sources has a mirror elsewhere (or that serves only
    optional sources). The refresh goes on and says so."""
    hosts = {_host(url) for source in SOURCES for url in source.download_urls}
    spared = sorted(
        host
        for host in hosts
        if all(
            any(_host(url) != host for url in source.download_urls)
            for source in SOURCES
            if source.required and host in {_host(url) for url in source.download_urls}
        )
    )
    assert spared, "some host's sources can all be had elsewhere"
    stranding = sorted(hosts - set(spared))
    from orchestration import cli

    for name in ("PLACEINDEX_FROM_DIR", "PLACEINDEX_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("ingest.http.unreachable_hosts", lambda urls, **_: {spared[0]: "no answer"})
    assert cli._publishers_reachable(cli.load_settings(home=tmp_path)) is True
    assert f"warning: {spared[0]} cannot be reached (no answer); its sources use a mirror" in (
        capsys.readouterr().err
    )
    # A host some required source has no other way to reach stops the refresh.
    monkeypatch.setattr(
        "ingest.http.unreachable_hosts", lambda urls, **_: {stranding[0]: "no answer"}
    )
    assert cli._publishers_reachable(cli.load_settings(home=tmp_path)) is False
