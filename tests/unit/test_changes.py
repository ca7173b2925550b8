"""Asking publishers whether a file changed (ingest/changes.py) and the sensor that refreshes only
what did, against a server on 127.0.0.1 serving the real IoD2019 File 1."""

from __future__ import annotations

import dataclasses
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import dagster as dg
import pytest

from ingest.catalog import SOURCES, get_source
from ingest.changes import check_source
from ingest.http import make_session
from ingest.landing import land_source
from ingest.settings import Settings
from tests.conftest import real_file

FILE1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"


class _Publisher(BaseHTTPRequestHandler):
    body = b""
    etag: ClassVar[str | None] = '"v1"'
    last_modified: ClassVar[str | None] = None
    status = 200
    bodies_sent: ClassVar[list[str]] = []

    def do_GET(self):
        if self.status != 200:
            self.send_response(self.status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.etag and self.headers.get("If-None-Match") == self.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        if self.etag:
            self.send_header("ETag", self.etag)
        if self.last_modified:
            self.send_header("Last-Modified", self.last_modified)
        self.end_headers()
        type(self).bodies_sent.append(self.path)
        try:
            self.wfile.write(self.body)
        except (BrokenPipeError, ConnectionResetError):
            # What a publisher sees when the check reads the headers and hangs up.
            pass

    def log_message(self, *args):
        pass


@pytest.fixture()
def publisher(shared_data):
    _Publisher.body = real_file(FILE1).read_bytes()
    _Publisher.etag, _Publisher.last_modified, _Publisher.status = '"v1"', None, 200
    _Publisher.bodies_sent = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Publisher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{FILE1}"
    server.shutdown()
    server.server_close()


def _local(url: str):
    return dataclasses.replace(get_source("mhclg__iod2019_file1"), url=url, mirrors=())


def test_never_landed_is_changed_then_a_landing_makes_it_unchanged(publisher, tmp_path):
    source, settings, session = _local(publisher), Settings(home=tmp_path), make_session(1)
    first = check_source(source, settings, session)
    assert (first.status, first.reason, first.validator) == (
        "changed",
        "never downloaded from the publisher",
        '"v1"',
    )
    land_source(source, settings)
    sent = len(_Publisher.bodies_sent)
    again = check_source(source, settings, session)
    assert (again.status, again.reason) == ("unchanged", "HTTP 304 Not Modified")
    assert len(_Publisher.bodies_sent) == sent  # asked without downloading


def test_a_new_etag_is_a_change_and_names_both(publisher, tmp_path):
    source, settings = _local(publisher), Settings(home=tmp_path)
    land_source(source, settings)
    _Publisher.etag = '"v2"'
    change = check_source(source, settings, make_session(1))
    assert (change.status, change.reason) == ("changed", 'ETag "v2" (landed: "v1")')


def test_last_modified_when_there_is_no_etag(publisher, tmp_path):
    source, settings = _local(publisher), Settings(home=tmp_path)
    _Publisher.etag, _Publisher.last_modified = None, "Wed, 25 Sep 2019 09:30:00 GMT"
    land_source(source, settings)
    assert check_source(source, settings, make_session(1)).status == "unchanged"
    _Publisher.last_modified = "Thu, 30 Oct 2025 07:00:00 GMT"
    change = check_source(source, settings, make_session(1))
    assert change.status == "changed"
    assert change.reason == (
        "Last-Modified Thu, 30 Oct 2025 07:00:00 GMT (landed: Wed, 25 Sep 2019 09:30:00 GMT)"
    )


def test_no_validator_or_an_error_is_unknown_never_a_guess(publisher, tmp_path):
    source, settings = _local(publisher), Settings(home=tmp_path)
    _Publisher.etag = None
    land_source(source, settings)
    silent = check_source(source, settings, make_session(1))
    assert (silent.status, silent.reason) == (
        "unknown",
        "the publisher sends no ETag or Last-Modified to compare",
    )
    _Publisher.status = 404
    missing = check_source(source, settings, make_session(1))
    assert (missing.status, missing.reason) == ("unknown", "HTTP 404")


def test_a_landing_from_another_url_is_a_change(publisher, tmp_path):
    settings = Settings(home=tmp_path)
    land_source(_local(publisher), settings)
    moved = _local(publisher.replace(FILE1, "new/" + FILE1))
    change = check_source(moved, settings, make_session(1))
    assert change.status == "changed"
    assert change.reason.startswith(f"last landed from {publisher}, the publisher's URL is now ")


def test_a_paged_layer_is_unknown(tmp_path):
    (layer, *_) = [source for source in SOURCES if source.fetch_mode != "file"]
    change = check_source(layer, Settings(home=tmp_path), make_session(1))
    assert change.status == "unknown" and "no file validator" in change.reason


def test_the_sensor_requests_the_changed_source_and_everything_downstream(
    publisher, tmp_path, monkeypatch
):
    from orchestration.definitions import defs
    from orchestration.defs import sensors

    monkeypatch.setenv("PLACEINDEX_HOME", str(tmp_path))
    monkeypatch.delenv("PLACEINDEX_FROM_DIR", raising=False)
    monkeypatch.delenv("PLACEINDEX_DEMO", raising=False)
    source = _local(publisher)
    monkeypatch.setattr(sensors, "SOURCES", [source])
    sensor = defs.resolve_sensor_def("publisher_changes")
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED

    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(
            instance=instance, repository_def=defs.get_repository_def()
        )
        request = sensor(context)
        assert isinstance(request, dg.RunRequest)
        keys = set(request.asset_selection)
        assert dg.AssetKey(["raw", "mhclg__iod2019_file1"]) in keys
        assert dg.AssetKey(["staging", "stg_mhclg__iod2019_imd"]) in keys
        assert dg.AssetKey(["marts", "fct_lsoa11_deprivation"]) in keys
        assert dg.AssetKey("published_warehouse") in keys
        # Only what depends on the changed file: no other source, nothing beside it.
        assert dg.AssetKey(["raw", "mhclg__iod2019_file2"]) not in keys
        assert dg.AssetKey(["marts", "fct_lsoa21_housing_tenure"]) not in keys
        assert json.loads(context.cursor) == {"mhclg__iod2019_file1": '"v1"'}
        # The same release is not requested twice.
        skipped = sensor(
            dg.build_sensor_context(
                instance=instance, repository_def=defs.get_repository_def(), cursor=context.cursor
            )
        )
        assert isinstance(skipped, dg.SkipReason)


def test_the_sensor_skips_when_sources_come_from_a_folder(tmp_path, monkeypatch):
    from orchestration.definitions import defs

    monkeypatch.setenv("PLACEINDEX_HOME", str(tmp_path))
    monkeypatch.setenv("PLACEINDEX_FROM_DIR", str(tmp_path))
    sensor = defs.resolve_sensor_def("publisher_changes")
    with dg.instance_for_test() as instance:
        result = sensor(
            dg.build_sensor_context(instance=instance, repository_def=defs.get_repository_def())
        )
    assert isinstance(result, dg.SkipReason)
    assert "there is no publisher to ask" in result.skip_message
