"""Security basics: the query command cannot write, a source folder is never left, downloads use
HTTPS (plain HTTP to this machine only, for the tests' servers), published files are not
world-writable."""

from __future__ import annotations

import os
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from ingest.catalog import get_source
from ingest.errors import PlaceindexError
from ingest.http import FetchError, fetch, is_allowed_url
from ingest.landing import find_in_dir
from ingest.publish import publish
from ingest.warehouse import ensure_meta
from orchestration.cli import main


def _published(home):
    work = home / "work.duckdb"
    con = duckdb.connect(str(work))
    ensure_meta(con)
    con.execute("create schema marts")
    con.execute("create table marts.places as select range as n from range(3)")
    con.close()
    publish(work, home / "placeindex.duckdb", run_id="r1", source_mode="demo")
    return home / "placeindex.duckdb"


def test_query_cannot_write_the_published_warehouse(tmp_path, capsys):
    published = _published(tmp_path)
    before = published.read_bytes()
    for statement in (
        "create table marts.intruder as select 1",
        "delete from marts.places",
        "drop table marts.places",
    ):
        assert main(["--home", str(tmp_path), "query", statement]) == 1
        assert "read-only" in capsys.readouterr().err
    assert published.read_bytes() == before


def test_published_file_and_exports_are_not_world_writable(tmp_path):
    previous = os.umask(0)  # the most permissive a run could have
    try:
        published = _published(tmp_path)
        assert main(["--home", str(tmp_path), "export", "--format", "both"]) == 0
    finally:
        os.umask(previous)
    written = [published, *(tmp_path / "exports").iterdir()]
    assert len(written) >= 5  # the warehouse, parquet, csv, dictionary files
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o022 == 0, (path.name, oct(mode))
        assert mode & 0o444 == 0o444, (path.name, oct(mode))


def test_a_source_folder_is_never_left_through_a_link(tmp_path):
    source = get_source("mhclg__iod2019_file1")
    outside = tmp_path / "elsewhere" / source.file_names[0]
    outside.parent.mkdir()
    outside.write_bytes(b"not the publisher's file")
    folder = tmp_path / "sources"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / source.file_names[0]).symlink_to(outside)
    with pytest.raises(PlaceindexError) as raised:
        find_in_dir(source, folder)
    message = str(raised.value)
    assert message.startswith("mhclg__iod2019_file1: ")
    assert "leads outside the source folder" in message and str(outside) in message


def test_a_link_inside_the_folder_is_followed(tmp_path):
    source = get_source("mhclg__iod2019_file1")
    folder = tmp_path / "sources"
    (folder / "a").mkdir(parents=True)
    real = folder / "a" / "kept.xlsx"
    real.write_bytes(b"x")
    (folder / source.file_names[0]).symlink_to(real)
    assert find_in_dir(source, folder) == folder / source.file_names[0]


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.ons.gov.uk/file.csv", True),
        ("http://www.ons.gov.uk/file.csv", False),
        ("ftp://example.org/file.csv", False),
        ("http://127.0.0.1:8000/file.csv", True),
        ("http://localhost/file.csv", True),
        ("http://127.0.0.2/file.csv", False),
    ],
)
def test_only_https_or_this_machine(url, allowed):
    assert is_allowed_url(url) is allowed


def test_a_plain_http_download_is_refused_before_any_request(tmp_path):
    with pytest.raises(FetchError) as raised:
        fetch(
            "http://www.ons.gov.uk/file.csv",
            tmp_path,
            "file.csv",
            source_id="ons__example",
            expected_format="csv",
        )
    assert "refused http://www.ons.gov.uk/file.csv: downloads use HTTPS" in str(raised.value)
    assert not list(tmp_path.iterdir())


class _RedirectToPlainHttp(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "http://example.invalid/file.csv")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_redirect_to_plain_http_elsewhere_is_refused(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RedirectToPlainHttp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(FetchError) as raised:
            fetch(
                f"http://127.0.0.1:{server.server_address[1]}/file.csv",
                tmp_path,
                "file.csv",
                source_id="ons__example",
                expected_format="csv",
            )
    finally:
        server.shutdown()
        server.server_close()
    assert "refused http://example.invalid/file.csv" in str(raised.value)
    assert not list(tmp_path.iterdir())
