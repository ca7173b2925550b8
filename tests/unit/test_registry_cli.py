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
