"""ingest.http against a real local HTTP server serving the real published files.

Each test configures what the server does for a path (serve, 304, fail, truncate, stall) and
checks both the FetchResult/FetchError and what is (not) left on disk.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import struct
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from ingest import http as fetch_http
from ingest.errors import PlaceindexError
from ingest.http import FetchError, FetchResult, fetch, make_session, safe_extract_member

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT.parent / "shared" / "data"
XLSX_REL = "iod2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
CSV_REL = "lookups/la_all_codes.csv"
CSV_GZ_REL = "iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"

SOURCE_ID = "mhclg__iod2019_file1"
ETAG = '"imd2019-v1"'
LAST_MODIFIED = "Thu, 26 Sep 2019 08:30:00 GMT"


def real_file(rel: str) -> bytes:
    # A missing data folder means a broken checkout, so fail loudly rather than skip.
    path = DATA_DIR / rel
    assert path.is_file(), f"test data missing: {path} (clone shared/ beside the repo)"
    return path.read_bytes()


Route = Callable[["_Handler"], None]


@dataclass
class ServerState:
    base_url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base_url + path

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for seen, _ in self.requests if seen == path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for seen, headers in self.requests if seen == path]


class _Handler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, and a body without Content-Length ends at close.
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        state: ServerState = self.server.state  # type: ignore[attr-defined]
        with state.lock:
            state.requests.append((self.path, {k: v for k, v in self.headers.items()}))
        route = state.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients hang up on purpose in these tests (timeouts, size caps); that is not a failure.
        pass


@pytest.fixture
def server() -> Iterator[ServerState]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    state = ServerState()
    httpd.state = state  # type: ignore[attr-defined]
    host, port = httpd.server_address[:2]
    state.base_url = f"http://{host}:{port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        state.release.set()  # wake any handler stalling for the timeout test
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def local_session(retries: int = 2) -> requests.Session:
    session = make_session(retries=retries, backoff_factor=0.001)
    # Never route 127.0.0.1 through a proxy configured in the CI environment.
    session.trust_env = False
    return session


def serve(
    body: bytes,
    *,
    content_type: str = "application/octet-stream",
    etag: str | None = None,
    last_modified: str | None = None,
    send_length: bool = True,
) -> Route:
    def handle(h: _Handler) -> None:
        if (etag and h.headers.get("If-None-Match") == etag) or (
            last_modified and h.headers.get("If-Modified-Since") == last_modified
        ):
            h.send_response(304)
            if etag:
                h.send_header("ETag", etag)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        if send_length:
            h.send_header("Content-Length", str(len(body)))
        if etag:
            h.send_header("ETag", etag)
        if last_modified:
            h.send_header("Last-Modified", last_modified)
        h.end_headers()
        h.wfile.write(body)

    return handle


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def do_fetch(server: ServerState, path: str, dest: Path, **kwargs: object) -> FetchResult:
    options: dict[str, object] = {
        "source_id": SOURCE_ID,
        "expected_format": "xlsx",
        "session": local_session(),
    }
    options.update(kwargs)
    file_name = str(options.pop("file_name", "File_1.xlsx"))
    return fetch(server.url(path), dest, file_name, **options)  # type: ignore[arg-type]


# --- fetch: success and conditional requests ----------------------------------------------------


def test_200_writes_file_with_hash_size_and_validators(server: ServerState, tmp_path: Path) -> None:
    body = real_file(XLSX_REL)
    server.routes["/File_1.xlsx"] = serve(body, etag=ETAG, last_modified=LAST_MODIFIED)
    dest = tmp_path / "incoming"

    result = do_fetch(server, "/File_1.xlsx", dest)

    assert result.status == "downloaded"
    assert result.path == dest / "File_1.xlsx"
    assert result.path.read_bytes() == body
    assert result.sha256 == hashlib.sha256(body).hexdigest()
    assert result.bytes == len(body)
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED
    assert result.url == server.url("/File_1.xlsx")
    assert datetime.fromisoformat(result.fetched_at).utcoffset() == timedelta(0)
    assert leftovers(dest) == ["File_1.xlsx"]
    (sent,) = server.headers_of("/File_1.xlsx")
    assert sent["User-Agent"].startswith("placeindex/")
    assert "(+https://github.com/placeindex/placeindex)" in sent["User-Agent"]
    assert sent["Accept-Encoding"] == "identity"
    assert "If-None-Match" not in sent and "If-Modified-Since" not in sent


def test_second_conditional_request_gets_304_and_leaves_file_alone(
    server: ServerState, tmp_path: Path
) -> None:
    body = real_file(XLSX_REL)
    server.routes["/File_1.xlsx"] = serve(body, etag=ETAG, last_modified=LAST_MODIFIED)
    dest = tmp_path / "incoming"
    first = do_fetch(server, "/File_1.xlsx", dest)
    assert first.path is not None
    before = first.path.stat().st_mtime_ns

    second = do_fetch(
        server, "/File_1.xlsx", dest, etag=first.etag, last_modified=first.last_modified
    )

    assert second.status == "not_modified"
    assert second.path is None and second.sha256 is None and second.bytes is None
    assert second.etag == ETAG
    assert second.last_modified == LAST_MODIFIED
    assert first.path.stat().st_mtime_ns == before
    assert first.path.read_bytes() == body
    assert leftovers(dest) == ["File_1.xlsx"]
    conditional = server.headers_of("/File_1.xlsx")[1]
    assert conditional["If-None-Match"] == ETAG
    assert conditional["If-Modified-Since"] == LAST_MODIFIED


def test_if_modified_since_alone_gives_304(server: ServerState, tmp_path: Path) -> None:
    server.routes["/codes.csv"] = serve(real_file(CSV_REL), last_modified=LAST_MODIFIED)

    result = do_fetch(
        server,
        "/codes.csv",
        tmp_path,
        file_name="codes.csv",
        expected_format="csv",
        last_modified=LAST_MODIFIED,
    )

    assert result.status == "not_modified"
    assert result.last_modified == LAST_MODIFIED
    assert leftovers(tmp_path) == []


def test_default_session_is_used_when_none_given(
    server: ServerState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    body = real_file(CSV_REL)
    server.routes["/codes.csv"] = serve(body, content_type="text/csv")

    result = do_fetch(
        server, "/codes.csv", tmp_path, file_name="codes.csv", expected_format="csv", session=None
    )

    assert result.sha256 == hashlib.sha256(body).hexdigest()


# --- fetch: retries and HTTP errors -------------------------------------------------------------


def test_500_then_success_is_retried(server: ServerState, tmp_path: Path) -> None:
    body = real_file(XLSX_REL)
    ok = serve(body, etag=ETAG)
    calls = {"n": 0}

    def flaky(h: _Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.send_error(500, "Internal Server Error")
        else:
            ok(h)

    server.routes["/File_1.xlsx"] = flaky

    result = do_fetch(server, "/File_1.xlsx", tmp_path, session=local_session(retries=2))

    assert server.count("/File_1.xlsx") == 2
    assert result.status == "downloaded"
    assert result.sha256 == hashlib.sha256(body).hexdigest()


def test_503_with_retry_after_is_retried(server: ServerState, tmp_path: Path) -> None:
    body = real_file(CSV_REL)
    ok = serve(body, content_type="text/csv")
    calls = {"n": 0}

    def busy(h: _Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.send_response(503)
            h.send_header("Retry-After", "0")
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            ok(h)

    server.routes["/codes.csv"] = busy

    result = do_fetch(server, "/codes.csv", tmp_path, file_name="codes.csv", expected_format="csv")

    assert server.count("/codes.csv") == 2
    assert result.bytes == len(body)


def test_persistent_503_fails_after_retries(server: ServerState, tmp_path: Path) -> None:
    server.routes["/File_1.xlsx"] = lambda h: h.send_error(503, "Service Unavailable")

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", tmp_path, session=local_session(retries=2))

    assert server.count("/File_1.xlsx") == 3
    assert caught.value.status_code == 503
    message = str(caught.value)
    assert message.startswith(f"{SOURCE_ID}: {server.url('/File_1.xlsx')}: ")
    assert "expected HTTP 200 with the file but got HTTP 503 Service Unavailable" in message
    assert "after 2 retries" in message
    assert leftovers(tmp_path) == []


def test_one_retry_is_said_in_the_singular(server: ServerState, tmp_path: Path) -> None:
    server.routes["/File_1.xlsx"] = lambda h: h.send_error(503, "Service Unavailable")

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", tmp_path, session=local_session(retries=1))

    assert str(caught.value).endswith("got HTTP 503 Service Unavailable after 1 retry")


def test_404_is_not_retried_and_names_the_status(server: ServerState, tmp_path: Path) -> None:
    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/moved.xlsx", tmp_path)

    assert server.count("/moved.xlsx") == 1
    error = caught.value
    assert isinstance(error, PlaceindexError)
    assert error.status_code == 404
    assert error.source_id == SOURCE_ID
    assert error.url == server.url("/moved.xlsx")
    assert str(error) == (
        f"{SOURCE_ID}: {server.url('/moved.xlsx')}: "
        "expected HTTP 200 with the file but got HTTP 404 Not Found"
    )
    assert leftovers(tmp_path) == []


def test_read_timeout_is_a_fetch_error(server: ServerState, tmp_path: Path) -> None:
    def stall(h: _Handler) -> None:
        h.server.state.release.wait(5)  # type: ignore[attr-defined]

    server.routes["/slow.xlsx"] = stall

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/slow.xlsx", tmp_path, session=local_session(retries=0), timeout=(2, 0.5))

    message = str(caught.value)
    assert message.startswith(f"{SOURCE_ID}: {server.url('/slow.xlsx')}: ")
    assert "timed out" in message and "read timeout 0.5 s" in message
    assert leftovers(tmp_path) == []


def test_connection_refused_is_a_fetch_error(tmp_path: Path) -> None:
    # Bind then close a socket to get a port nobody listens on.
    probe = _QuietServer(("127.0.0.1", 0), _Handler)
    port = probe.server_address[1]
    probe.server_close()
    url = f"http://127.0.0.1:{port}/File_1.xlsx"

    with pytest.raises(FetchError) as caught:
        fetch(
            url,
            tmp_path,
            "File_1.xlsx",
            source_id=SOURCE_ID,
            expected_format="xlsx",
            session=local_session(retries=0),
        )

    assert str(caught.value).startswith(f"{SOURCE_ID}: {url}: could not connect to the server")


# --- fetch: broken bodies -----------------------------------------------------------------------


def test_truncated_body_is_an_error_and_leaves_nothing(server: ServerState, tmp_path: Path) -> None:
    body = real_file(XLSX_REL)
    sent = len(body) // 2

    def truncate(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[:sent])
        h.wfile.flush()
        h.close_connection = True  # and HTTP/1.0 closes the socket after this handler

    server.routes["/File_1.xlsx"] = truncate
    dest = tmp_path / "incoming"

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", dest, session=local_session(retries=0))

    assert str(caught.value) == (
        f"{SOURCE_ID}: {server.url('/File_1.xlsx')}: download truncated: the server announced "
        f"{len(body)} bytes (Content-Length) but closed the connection after {sent}"
    )
    assert leftovers(dest) == []


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        (b"<!DOCTYPE html>\n<html><head><title>Page moved</title></head></html>", "<!DOCTYPE html"),
        (b"\xef\xbb\xbf\r\n  <HTML><body>Sign in</body></HTML>", "<HTML"),
    ],
)
def test_html_page_instead_of_xlsx(
    server: ServerState, tmp_path: Path, html: bytes, shown: str
) -> None:
    server.routes["/File_1.xlsx"] = serve(html, content_type="text/html")

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", tmp_path)

    assert str(caught.value) == (
        f"{SOURCE_ID}: {server.url('/File_1.xlsx')}: expected an xlsx file "
        f"(zip signature PK\\x03\\x04) but the server sent an HTML page (starts with '{shown}')"
    )
    assert leftovers(tmp_path) == []


def test_html_page_larger_than_sniff_window(server: ServerState, tmp_path: Path) -> None:
    # The check happens on the first 4 KiB, not after the whole page is on disk.
    page = b"<!doctype html><html><body>" + b"<p>moved</p>" * 2000 + b"</body></html>"
    server.routes["/codes.csv"] = serve(page, content_type="text/html")

    with pytest.raises(FetchError, match=r"expected a csv file .* but the server sent an HTML"):
        do_fetch(server, "/codes.csv", tmp_path, file_name="codes.csv", expected_format="csv")

    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("rel", "expected_format"),
    [
        (XLSX_REL, "xlsx"),
        (XLSX_REL, "zip"),
        (CSV_REL, "csv"),
        (CSV_GZ_REL, "csv.gz"),
        (CSV_GZ_REL, "gz"),
    ],
)
def test_real_files_pass_the_sniff(
    server: ServerState, tmp_path: Path, rel: str, expected_format: str
) -> None:
    body = real_file(rel)
    server.routes["/f"] = serve(body)

    result = do_fetch(server, "/f", tmp_path, file_name="f", expected_format=expected_format)

    assert result.sha256 == hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize(
    ("rel", "expected_format", "fragment"),
    [
        (
            XLSX_REL,
            "xls",
            (
                "expected an xls file (OLE2 signature D0 CF 11 E0 A1 B1 1A E1) but the body "
                "starts with 50 4B 03 04"
            ),
        ),
        (XLSX_REL, "csv", "expected a csv file (text with no NUL bytes in the first 4 KiB) but "),
        (CSV_REL, "xlsx", "expected an xlsx file (zip signature PK\\x03\\x04) but the body starts"),
        (CSV_REL, "csv.gz", "expected a csv.gz file (gzip signature 1F 8B) but the body starts"),
        (CSV_REL, "json", "expected a json file (starting with '{' or '[') but the body starts"),
        (CSV_GZ_REL, "zip", "(looks like a gzip file)"),
    ],
)
def test_wrong_format_is_named(
    server: ServerState, tmp_path: Path, rel: str, expected_format: str, fragment: str
) -> None:
    server.routes["/f"] = serve(real_file(rel))

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/f", tmp_path, file_name="f", expected_format=expected_format)

    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{SOURCE_ID}: {server.url('/f')}: ")
    assert leftovers(tmp_path) == []


def test_json_with_bom_and_whitespace_is_accepted(server: ServerState, tmp_path: Path) -> None:
    body = b'\xef\xbb\xbf\n  {"features": []}'
    server.routes["/f.json"] = serve(body, content_type="application/json")

    result = do_fetch(server, "/f.json", tmp_path, file_name="f.json", expected_format="json")

    assert result.bytes == len(body)


def test_gz_with_content_encoding_keeps_the_published_bytes(
    server: ServerState, tmp_path: Path
) -> None:
    # Object stores often label a .gz file "Content-Encoding: gzip"; the file itself must land.
    body = real_file(CSV_GZ_REL)

    def labelled(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    server.routes["/f.csv.gz"] = labelled

    result = do_fetch(server, "/f.csv.gz", tmp_path, file_name="f.csv.gz", expected_format="csv.gz")

    assert result.sha256 == hashlib.sha256(body).hexdigest()


def test_gzip_transfer_encoding_of_csv_is_undone(server: ServerState, tmp_path: Path) -> None:
    # A server that compresses despite "Accept-Encoding: identity": land the CSV, and compare
    # Content-Length with the bytes on the wire, not the inflated ones.
    body = real_file(CSV_REL)
    wire = gzip.compress(body)

    def compressing(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(wire)))
        h.end_headers()
        h.wfile.write(wire)

    server.routes["/codes.csv"] = compressing

    result = do_fetch(server, "/codes.csv", tmp_path, file_name="codes.csv", expected_format="csv")

    assert result.path is not None and result.path.read_bytes() == body


def test_empty_body_is_an_error(server: ServerState, tmp_path: Path) -> None:
    server.routes["/codes.csv"] = serve(b"")

    with pytest.raises(FetchError, match="but the server sent an empty body"):
        do_fetch(server, "/codes.csv", tmp_path, file_name="codes.csv", expected_format="csv")

    assert leftovers(tmp_path) == []


# --- fetch: size cap ----------------------------------------------------------------------------


def test_size_cap_from_content_length_refuses_up_front(server: ServerState, tmp_path: Path) -> None:
    body = real_file(XLSX_REL)
    server.routes["/File_1.xlsx"] = serve(body)

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", tmp_path, max_bytes=100_000)

    assert f"expected at most 100000 bytes but the server announced {len(body)} bytes" in str(
        caught.value
    )
    assert leftovers(tmp_path) == []


def test_size_cap_while_streaming_without_content_length(
    server: ServerState, tmp_path: Path
) -> None:
    body = real_file(XLSX_REL)
    server.routes["/File_1.xlsx"] = serve(body, send_length=False)

    with pytest.raises(FetchError) as caught:
        do_fetch(server, "/File_1.xlsx", tmp_path, max_bytes=100_000)

    assert str(caught.value) == (
        f"{SOURCE_ID}: {server.url('/File_1.xlsx')}: expected at most 100000 bytes but the "
        "server sent more, without announcing a length (no Content-Length); stopped at the cap, "
        "nothing kept"
    )
    assert leftovers(tmp_path) == []


def test_body_without_content_length_within_cap_is_fine(
    server: ServerState, tmp_path: Path
) -> None:
    body = real_file(CSV_REL)
    server.routes["/codes.csv"] = serve(body, send_length=False)

    result = do_fetch(
        server,
        "/codes.csv",
        tmp_path,
        file_name="codes.csv",
        expected_format="csv",
        max_bytes=len(body),
    )

    assert result.bytes == len(body)


def test_parquet_and_r_data_downloads_are_sniffed(server: ServerState, tmp_path: Path) -> None:
    server.routes["/o.parquet"] = serve(b"<!DOCTYPE html><html>gone</html>")
    with pytest.raises(FetchError, match="expected a parquet file .* HTML page"):
        do_fetch(server, "/o.parquet", tmp_path, expected_format="parquet")
    server.routes["/o.rda"] = serve(b"RDX3\nX\n")
    with pytest.raises(FetchError, match="expected an R data file"):
        do_fetch(server, "/o.rda", tmp_path, expected_format="rda")


def test_unknown_expected_format_fails_before_any_request(
    server: ServerState, tmp_path: Path
) -> None:
    with pytest.raises(FetchError, match="unknown expected format 'ods'"):
        do_fetch(server, "/f", tmp_path, expected_format="ods")

    assert server.count("/f") == 0


def test_retry_after_is_capped() -> None:
    class _Response:
        def __init__(self) -> None:
            self.headers = {"Retry-After": "86400"}

    session = make_session()
    retry = session.get_adapter("https://example.org").max_retries
    assert retry.get_retry_after(_Response()) == fetch_http._CappedRetry.MAX_RETRY_AFTER


# --- safe_extract_member ------------------------------------------------------------------------


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_extract_member(tmp_path: Path) -> None:
    body = real_file(CSV_REL)
    archive = make_zip(tmp_path / "a.zip", {"data/la_all_codes.csv": body, "readme.txt": b"hi"})
    dest = tmp_path / "out" / "la_all_codes.csv"

    result = safe_extract_member(archive, "data/la_all_codes.csv", dest, source_id="drkane__la")

    assert result == dest
    assert dest.read_bytes() == body
    assert leftovers(dest.parent) == ["la_all_codes.csv"]


@pytest.mark.parametrize(
    ("member", "problem"),
    [
        ("../evil.csv", "contains a '..' component"),
        ("data/../../evil.csv", "contains a '..' component"),
        ("/etc/evil.csv", "is an absolute path"),
        ("..\\evil.csv", "contains a backslash"),
        ("C:/evil.csv", "starts with a drive letter"),
    ],
)
def test_extract_rejects_path_traversal(tmp_path: Path, member: str, problem: str) -> None:
    archive = make_zip(tmp_path / "evil.zip", {member: b"pwned\n"})
    out = tmp_path / "out"

    with pytest.raises(FetchError) as caught:
        safe_extract_member(archive, member, out / "evil.csv", source_id="evil")

    assert str(caught.value) == (
        f"evil: evil.zip: member {member!r}: expected a relative path inside the archive "
        f"but the name {problem}"
    )
    assert not (tmp_path / "evil.csv").exists()
    assert leftovers(out) == []


def test_extract_missing_member_lists_what_is_there(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {"one.csv": b"a\n", "two.csv": b"b\n"})

    with pytest.raises(FetchError) as caught:
        safe_extract_member(archive, "three.csv", tmp_path / "three.csv", source_id="src")

    assert str(caught.value) == (
        "src: a.zip: member 'three.csv': expected this member in the archive but it holds "
        "'one.csv', 'two.csv'"
    )


def test_extract_rejects_declared_oversize(tmp_path: Path) -> None:
    body = real_file(CSV_REL)
    archive = make_zip(tmp_path / "big.zip", {"la_all_codes.csv": body})
    out = tmp_path / "out"

    with pytest.raises(FetchError) as caught:
        safe_extract_member(
            archive, "la_all_codes.csv", out / "x.csv", source_id="src", max_bytes=10_000
        )

    assert (
        f"expected at most 10000 bytes uncompressed but the archive declares {len(body)} bytes"
        in str(caught.value)
    )
    assert leftovers(out) == []


def test_extract_rejects_bomb_that_under_declares_its_size(tmp_path: Path) -> None:
    # 4 MiB of zeros deflates to a few KiB; then lie in both headers that it is 100 bytes.
    archive = make_zip(tmp_path / "bomb.zip", {"bomb.csv": b"\x00" * (4 * 1024 * 1024)})
    raw = bytearray(archive.read_bytes())
    assert raw[:4] == b"PK\x03\x04"
    struct.pack_into("<I", raw, 22, 100)  # local header: uncompressed size
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, 100)  # central directory: uncompressed size
    archive.write_bytes(bytes(raw))
    out = tmp_path / "out"

    with pytest.raises(FetchError) as caught:
        safe_extract_member(archive, "bomb.csv", out / "bomb.csv", source_id="src", max_bytes=1000)

    assert str(caught.value).startswith("src: bomb.zip: member 'bomb.csv': expected ")
    assert leftovers(out) == []


def test_extract_from_a_non_zip_is_a_fetch_error(tmp_path: Path) -> None:
    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"<!doctype html><html></html>")

    with pytest.raises(FetchError, match=r"src: fake.zip: member 'a.csv': expected a readable zip"):
        safe_extract_member(not_zip, "a.csv", tmp_path / "out" / "a.csv", source_id="src")
