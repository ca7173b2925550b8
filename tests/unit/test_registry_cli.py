"""`placeindex registry`: discovery of grant files through the 360Giving registry, over HTTP."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from ingest.catalog import get_source
from orchestration.cli import main


class _Registry(BaseHTTPRequestHandler):
    body: ClassVar[bytes] = b""

    def do_GET(self):
        if not self.path.endswith("/data.json"):
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def registry_server():
    trafford = get_source("trafford__grants_360giving")
    _Registry.body = json.dumps(
        [
            {
                "title": "Trafford Council grants",
                "publisher": {"name": "Trafford Council", "prefix": "360G-traffordmbc"},
                "distribution": [{"downloadURL": trafford.url}],
                "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/",
                "datagetter_metadata": {"file_type": "csv"},
            },
            {
                "title": "A funder not yet catalogued",
                "publisher": {"name": "Example Community Foundation"},
                "distribution": [{"downloadURL": "https://example.org/grants.xlsx"}],
                "license": "https://creativecommons.org/licenses/by/4.0/",
            },
        ]
    ).encode()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_registry_lists_publishers_and_marks_the_catalogued(registry_server, tmp_path, capsys):
    code = main(
        [
            "--home",
            str(tmp_path),
            "registry",
            "--url",
            f"{registry_server}/data.json",
            "--format",
            "json",
        ]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["publisher"], row["file_type"], row["in_catalog"]) for row in rows] == [
        ("Trafford Council", "csv", True),
        ("Example Community Foundation", "xlsx", False),
    ]


def test_unreachable_registry_is_a_clear_error(registry_server, tmp_path, capsys):
    code = main(["--home", str(tmp_path), "registry", "--url", f"{registry_server}/missing.json"])
    assert code == 1
    error = capsys.readouterr().err
    assert error.startswith("placeindex registry: threesixtygiving__registry")
    assert "404" in error


# --- discovery during a refresh: grant files are fetched from where the registry says today ------

INDIGO = "indigo_trust_360giving_a002400000G4KGJAA3.csv"


class _Publisher(BaseHTTPRequestHandler):
    """A registry at /data.json and the publisher's file at /moved/<name> (and /old/<name>)."""

    registry: ClassVar[bytes] = b""
    grants: ClassVar[bytes] = b""
    paths_seen: ClassVar[list[str]] = []
    headers_seen: ClassVar[list[dict]] = []

    def do_GET(self):
        type(self).paths_seen.append(self.path)
        type(self).headers_seen.append(dict(self.headers))
        if self.path == "/data.json" and self.registry:
            body, kind = self.registry, "application/json"
        elif self.path.startswith(("/moved/", "/old/")):
            body, kind = self.grants, "text/csv"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        if kind == "text/csv":
            self.send_header("ETag", '"v1"')
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def publisher(shared_data):
    from tests.conftest import real_file

    _Publisher.grants = real_file(INDIGO).read_bytes()
    _Publisher.paths_seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Publisher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _indigo_with_old_url(base: str):
    from dataclasses import replace

    return replace(get_source("indigo_trust__grants_360giving"), url=f"{base}/old/{INDIGO}")


def _registry_listing(identifier: str, url: str) -> bytes:
    return json.dumps(
        [
            {
                "identifier": identifier,
                "title": "Indigo Trust grants",
                "publisher": {"name": "Indigo Trust"},
                "distribution": [{"downloadURL": url}],
            }
        ]
    ).encode()


def test_grant_file_is_fetched_from_the_url_the_registry_lists(publisher, tmp_path):
    from ingest.landing import land_source
    from ingest.settings import Settings
    from tests.conftest import manifest_sha256

    source = _indigo_with_old_url(publisher)
    _Publisher.registry = _registry_listing(source.registry_id, f"{publisher}/moved/{INDIGO}")
    settings = Settings(home=tmp_path, registry_url=f"{publisher}/data.json")
    landed = land_source(source, settings)
    assert _Publisher.paths_seen == ["/data.json", f"/moved/{INDIGO}"]
    assert landed.provenance.url == f"{publisher}/moved/{INDIGO}"
    assert landed.provenance.sha256 == manifest_sha256()[INDIGO]


@pytest.mark.parametrize("registry", ["unlisted", "unreachable", "malformed"])
def test_catalog_url_is_the_fallback_when_the_registry_cannot_say(publisher, tmp_path, registry):
    from ingest.landing import land_source
    from ingest.settings import Settings

    source = _indigo_with_old_url(publisher)
    _Publisher.registry = {
        "unlisted": _registry_listing("a00000000000000000", f"{publisher}/moved/{INDIGO}"),
        "unreachable": b"",
        "malformed": json.dumps([{"distribution": ["not an object"]}]).encode(),
    }[registry]
    settings = Settings(home=tmp_path, registry_url=f"{publisher}/data.json")
    landed = land_source(source, settings)
    assert _Publisher.paths_seen == ["/data.json", f"/old/{INDIGO}"]
    assert landed.provenance.url == source.url


def test_registry_shows_catalogued_datasets_by_identifier(publisher, tmp_path, capsys):
    source = get_source("indigo_trust__grants_360giving")
    _Publisher.registry = _registry_listing(source.registry_id, "https://example.org/new.csv")
    code = main(["--home", str(tmp_path), "registry", "--url", f"{publisher}/data.json"])
    assert code == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 datasets in the registry; 1 catalogued"


def test_validators_are_not_sent_to_a_url_the_file_moved_to(publisher, tmp_path):
    from ingest.landing import land_source
    from ingest.settings import Settings

    source = _indigo_with_old_url(publisher)
    settings = Settings(home=tmp_path, registry_url=f"{publisher}/data.json")
    _Publisher.registry = b""  # first refresh: registry down, the catalog URL is used
    land_source(source, settings)
    _Publisher.registry = _registry_listing(source.registry_id, f"{publisher}/moved/{INDIGO}")
    _Publisher.paths_seen = []
    _Publisher.headers_seen = []
    moved = land_source(source, settings)
    assert _Publisher.paths_seen == ["/data.json", f"/moved/{INDIGO}"]
    assert "If-Modified-Since" not in _Publisher.headers_seen[-1]
    assert "If-None-Match" not in _Publisher.headers_seen[-1]
    assert moved.provenance.url == f"{publisher}/moved/{INDIGO}"
