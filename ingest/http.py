"""HTTP fetch layer: download one source file safely, or learn that it has not changed.

Open-data portals fail in mundane ways: a 503 during a deploy, a connection cut half-way through a
2 GB workbook, a login or "page moved" HTML page served with status 200 where the XLSX used to be.
`fetch` turns each of those into a `FetchError` whose message names the source, the URL and what
was expected versus what arrived, and it never leaves a partial file where a reader could pick it
up: bytes go to a `.part` file beside the target and are renamed into place only once complete,
counted and sniffed.

No orchestration imports on purpose: this module is plain `requests` so it can be unit tested
against a local HTTP server and reused by the CLI and by Dagster assets alike.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from ingest.errors import PlaceindexError

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
DEFAULT_MAX_BYTES = 2 * 1024**3
# Enough to see a CSV's header row and any HTML preamble, small enough to hold in memory.
SNIFF_BYTES = 4096
RETRY_STATUSES = (429, 500, 502, 503, 504)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_GZIP_MAGIC = b"\x1f\x8b"
_PARQUET_MAGIC = b"PAR1"
_UTF8_BOM = b"\xef\xbb\xbf"
_HTML_MARKERS = (b"<!doctype html", b"<html")

# Written into messages so a user can compare against `xxd file | head` output.
_EXPECTED_DESCRIPTIONS: dict[str, str] = {
    "csv": "a csv file (text with no NUL bytes in the first 4 KiB)",
    "xlsx": "an xlsx file (zip signature PK\\x03\\x04)",
    "zip": "a zip file (zip signature PK\\x03\\x04)",
    "xls": "an xls file (OLE2 signature D0 CF 11 E0 A1 B1 1A E1)",
    "gz": "a gz file (gzip signature 1F 8B)",
    "csv.gz": "a csv.gz file (gzip signature 1F 8B)",
    "json": "a json file (starting with '{' or '[')",
    "parquet": "a parquet file (signature PAR1)",
    "rda": "an R data file (gzip signature 1F 8B)",
}


def _user_agent() -> str:
    try:
        version = importlib.metadata.version("placeindex")
    except importlib.metadata.PackageNotFoundError:
        # Running from a source tree that was never installed (e.g. a vendored copy).
        version = "0+unknown"
    return f"placeindex/{version} (+https://github.com/placeindex/placeindex)"


USER_AGENT = _user_agent()


class FetchError(PlaceindexError):
    """A source could not be downloaded, or what arrived is not what the catalog promised."""

    def __init__(
        self,
        message: str,
        *,
        source_id: str | None = None,
        file: str | None = None,
        url: str | None = None,
        status_code: int | None = None,
    ):
        super().__init__(message, source_id=source_id, file=file)
        self.url = url
        self.status_code = status_code


@dataclass(frozen=True)
class FetchResult:
    status: Literal["downloaded", "not_modified"]
    path: Path | None  # final file path when downloaded; None when not_modified
    url: str
    sha256: str | None
    bytes: int | None
    etag: str | None
    last_modified: str | None
    fetched_at: str  # ISO-8601 UTC


class _CappedRetry(Retry):
    """Retry that honours Retry-After, but not to the point of hanging a run for hours."""

    # A portal answering "Retry-After: 86400" is effectively down; better to fail the run with a
    # clear error than to sleep silently.
    MAX_RETRY_AFTER = 120.0

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        retry_after = super().get_retry_after(response)
        if retry_after is None:
            return None
        return min(retry_after, self.MAX_RETRY_AFTER)


# Hosts a download may reach over plain HTTP: this machine only (the tests' local servers).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_allowed_url(url: str) -> bool:
    """HTTPS anywhere, plain HTTP only to this machine: a download must not be readable or
    alterable on the way, and every publisher serves HTTPS."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS)


def unreachable_hosts(
    urls: list[str], timeout: float = 8.0, deadline: float = 20.0
) -> dict[str, str]:
    """Host -> why it cannot be reached (name not found, no connection), for the hosts of `urls`.

    Every host is tried at once, each name lookup and TCP connection bounded, and the whole check
    by `deadline`: a machine without a network learns so in seconds, not after each download has
    spent its retries on it.
    """
    import socket
    from concurrent.futures import ThreadPoolExecutor, wait

    hosts = sorted({urlsplit(url).hostname for url in urls if urlsplit(url).hostname})

    def probe(host: str) -> str | None:
        try:
            address = socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)[0][4]
        except OSError as exc:
            return f"name not found ({exc.strerror or exc})"
        try:
            with socket.create_connection(address[:2], timeout=timeout):
                return None
        except OSError as exc:
            return f"no connection to {address[0]}:443 ({exc.strerror or exc})"

    pool = ThreadPoolExecutor(max_workers=max(1, min(32, len(hosts))))
    futures = {pool.submit(probe, host): host for host in hosts}
    done, pending = wait(futures, timeout=deadline)
    # Threads stuck in a name lookup cannot be stopped; they are left to finish on their own.
    pool.shutdown(wait=False, cancel_futures=True)
    problems = {futures[future]: future.result() for future in done if future.result()}
    problems.update({futures[future]: f"no answer within {deadline:.0f} s" for future in pending})
    return dict(sorted(problems.items()))


class _HttpsOnlySession(requests.Session):
    """Refuses, before sending, any request (a redirect's too) that is not HTTPS or local."""

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        if not is_allowed_url(request.url or ""):
            raise requests.exceptions.InvalidURL(
                f"refused {request.url}: downloads use HTTPS (plain HTTP only to this machine)"
            )
        return super().send(request, **kwargs)


def make_session(retries: int = 3, backoff_factor: float = 0.5) -> requests.Session:
    """A session that retries transient failures (connect/read errors, 429 and 5xx) on GET."""
    retry = _CappedRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        # Anything else (e.g. a TLS failure) will not fix itself within a few seconds.
        other=0,
        backoff_factor=backoff_factor,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        # Hand back the last response instead of raising, so the error can quote its status.
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session = _HttpsOnlySession()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch(
    url: str,
    dest_dir: Path,
    file_name: str,
    *,
    source_id: str,
    expected_format: str,
    etag: str | None = None,
    last_modified: str | None = None,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = (10, 120),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """Download `url` to `dest_dir / file_name`, or report that it is unchanged (HTTP 304).

    `etag` / `last_modified` come from the previous landing; when given, the request is
    conditional. On any failure a `FetchError` is raised and no file (final or partial) is left in
    `dest_dir`.
    """
    prefix = f"{source_id}: {url}"
    if expected_format not in _EXPECTED_DESCRIPTIONS:
        raise FetchError(
            f"{prefix}: unknown expected format {expected_format!r}; "
            f"expected one of {', '.join(sorted(_EXPECTED_DESCRIPTIONS))}",
            source_id=source_id,
            file=file_name,
            url=url,
        )
    headers = {
        # Ask for the file's own bytes: the sha256 we record should be of the published file, and
        # Content-Length then counts exactly what we write.
        "Accept-Encoding": "identity",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    own_session = session is None
    active = make_session() if session is None else session
    try:
        try:
            response = active.get(url, headers=headers, stream=True, timeout=timeout)
        except requests.RequestException as exc:
            raise FetchError(
                f"{prefix}: {_describe_request_error(exc, timeout)}",
                source_id=source_id,
                file=file_name,
                url=url,
            )
        with response:
            return _handle_response(
                response,
                url=url,
                dest_dir=dest_dir,
                file_name=file_name,
                source_id=source_id,
                expected_format=expected_format,
                conditional=bool(etag or last_modified),
                sent_etag=etag,
                sent_last_modified=last_modified,
                timeout=timeout,
                max_bytes=max_bytes,
            )
    finally:
        if own_session:
            active.close()


def _handle_response(
    response: requests.Response,
    *,
    url: str,
    dest_dir: Path,
    file_name: str,
    source_id: str,
    expected_format: str,
    conditional: bool,
    sent_etag: str | None,
    sent_last_modified: str | None,
    timeout: tuple[float, float],
    max_bytes: int,
) -> FetchResult:
    prefix = f"{source_id}: {url}"

    def error(detail: str, status_code: int | None = None) -> FetchError:
        return FetchError(
            f"{prefix}: {detail}",
            source_id=source_id,
            file=file_name,
            url=url,
            status_code=status_code,
        )

    status = response.status_code
    if status == 304 and conditional:
        log.info("%s: not modified since the last download (HTTP 304)", prefix)
        return FetchResult(
            status="not_modified",
            path=None,
            url=url,
            sha256=None,
            bytes=None,
            # Servers may omit validators on a 304; the ones we sent are then still current.
            etag=response.headers.get("ETag") or sent_etag,
            last_modified=response.headers.get("Last-Modified") or sent_last_modified,
            fetched_at=_now_utc(),
        )
    if status != 200:
        reason = f" {response.reason}" if response.reason else ""
        retried = ""
        history = getattr(response.raw, "retries", None)
        if status in RETRY_STATUSES and history is not None and history.history:
            count = len(history.history)
            retried = f" after {count} {'retry' if count == 1 else 'retries'}"
        raise error(
            f"expected HTTP 200 with the file but got HTTP {status}{reason}{retried}", status
        )

    content_length = _parse_content_length(response.headers.get("Content-Length"))
    if content_length is not None and content_length > max_bytes:
        raise error(
            f"expected at most {max_bytes} bytes but the server announced {content_length} bytes "
            f"(Content-Length); refusing to download"
        )

    # A .gz served with "Content-Encoding: gzip" (common with object stores) is the file itself;
    # decoding it would hand us the CSV inside instead of the published bytes.
    decode = expected_format not in ("gz", "csv.gz", "rda")
    content_encoding = response.headers.get("Content-Encoding", "").strip().lower()
    wire_counts_differ = decode and content_encoding not in ("", "identity")

    final_path = dest_dir / file_name
    digest = hashlib.sha256()
    written = 0
    head = bytearray()
    sniffed = False
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        # The temp file lives beside the target so os.replace stays a same-filesystem rename.
        with tempfile.NamedTemporaryFile(dir=dest_dir, delete=False, suffix=".part") as tmp:
            tmp_path = Path(tmp.name)
    except OSError as exc:
        raise error(f"could not create a download file in {dest_dir}: {exc}")
    try:
        with tmp_path.open("wb") as out:
            try:
                for chunk in _stream_body(response, decode=decode):
                    written += len(chunk)
                    if written > max_bytes:
                        raise error(
                            f"expected at most {max_bytes} bytes but the server sent more, "
                            "without announcing a length (no Content-Length); stopped at the cap, "
                            "nothing kept"
                        )
                    if not sniffed:
                        head += chunk[: SNIFF_BYTES - len(head)]
                        if len(head) >= SNIFF_BYTES:
                            _check_sniff(bytes(head), expected_format, error)
                            sniffed = True
                    digest.update(chunk)
                    out.write(chunk)
            except (urllib3.exceptions.HTTPError, requests.RequestException) as exc:
                received = _wire_bytes(response, written)
                of = f" of the {content_length} announced" if content_length is not None else ""
                # A stall is the server's (or the network's) slowness, not a short body: said first,
                # as the remedy differs (try again later, or a longer read timeout).
                if _timeout_kind(exc) is not None:
                    raise error(
                        f"the server stopped sending part-way through the file: no data for "
                        f"{timeout[1]:g} s (read timeout) after {received}{of} bytes"
                    )
                if content_length is not None and received < content_length:
                    raise error(
                        f"download truncated: the server announced {content_length} bytes "
                        f"(Content-Length) but closed the connection after {received}"
                    )
                raise error(f"connection failed after {received}{of} bytes: {_root_cause(exc)}")
            except OSError as exc:
                # Socket errors arrive wrapped by urllib3, so a bare OSError here is our disk.
                raise error(f"could not write the download into {dest_dir}: {exc}")

        received = _wire_bytes(response, written) if wire_counts_differ else written
        # urllib3 already raises on a short body; this also covers versions or adapters that
        # do not, and a body longer than announced.
        if content_length is not None and received < content_length:
            raise error(f"download truncated: expected {content_length} bytes, got {received}")
        if content_length is not None and received > content_length:
            raise error(
                f"expected {content_length} bytes (Content-Length) but got {received}; "
                "the response is not what the server announced"
            )
        if written == 0:
            raise error(
                f"expected {_EXPECTED_DESCRIPTIONS[expected_format]} but the server sent an "
                "empty body"
            )
        if not sniffed:
            _check_sniff(bytes(head), expected_format, error)
        os.replace(tmp_path, final_path)
    except BaseException:
        # Whatever went wrong (including Ctrl-C), a reader must never find a partial file.
        tmp_path.unlink(missing_ok=True)
        raise

    sha256 = digest.hexdigest()
    log.info("%s: downloaded %d bytes to %s (sha256 %s)", prefix, written, final_path, sha256)
    return FetchResult(
        status="downloaded",
        path=final_path,
        url=url,
        sha256=sha256,
        bytes=written,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        fetched_at=_now_utc(),
    )


def _stream_body(response: requests.Response, *, decode: bool) -> Iterator[bytes]:
    # Same loop as `Response.iter_content(CHUNK_SIZE)`, but reading urllib3's stream directly
    # lets us choose whether Content-Encoding is undone and see urllib3's own exceptions
    # (IncompleteRead inside ProtocolError) instead of requests' re-wrapped ones.
    raw = response.raw
    # urllib3 2.x already defaults to this, but a short body must be an error, never a
    # silently smaller file, whatever the installed version's default.
    raw.enforce_content_length = True
    if raw.chunked and raw.supports_chunked_reads():
        yield from (chunk for chunk in raw.read_chunked(CHUNK_SIZE, decode_content=decode) if chunk)
        return
    # read1 hands over what has arrived (up to a chunk) instead of waiting for a whole chunk, so
    # the bytes counted when a server stalls are the bytes it sent.
    while chunk := raw.read1(CHUNK_SIZE, decode_content=decode):
        yield chunk


def _check_sniff(head: bytes, expected_format: str, error: Callable[[str], FetchError]) -> None:
    problem = _sniff(head, expected_format)
    if problem is not None:
        raise error(f"expected {_EXPECTED_DESCRIPTIONS[expected_format]} but {problem}")


def _sniff(head: bytes, expected_format: str) -> str | None:
    """Return what is wrong with the first bytes of a body, or None when they fit the format."""
    text_start = _strip_preamble(head)
    for marker in _HTML_MARKERS:
        if text_start[: len(marker)].lower() == marker:
            shown = text_start[: len(marker)].decode("ascii", errors="replace")
            return f"the server sent an HTML page (starts with {shown!r})"

    if expected_format in ("xlsx", "zip"):
        magic = _ZIP_MAGIC
    elif expected_format == "xls":
        magic = _OLE2_MAGIC
    elif expected_format in ("gz", "csv.gz", "rda"):
        # R saves .rda files gzip-compressed unless told otherwise (save(compress=)).
        magic = _GZIP_MAGIC
    elif expected_format == "parquet":
        magic = _PARQUET_MAGIC
    else:
        magic = None
    if magic is not None:
        if head.startswith(magic):
            return None
        return f"the body starts with {_hex_preview(head)}{_guess_kind(head)}"

    if expected_format == "csv":
        nul = head[:SNIFF_BYTES].find(b"\x00")
        if nul == -1:
            return None
        return f"byte {nul} of the body is NUL, so it is not text{_guess_kind(head)}"

    if expected_format == "json":
        if text_start[:1] in (b"{", b"["):
            return None
        return f"the body starts with {text_start[:16]!r}{_guess_kind(head)}"
    return None


def _strip_preamble(head: bytes) -> bytes:
    # Some servers emit a newline before the BOM, some a BOM before the newline.
    stripped = head.lstrip()
    if stripped.startswith(_UTF8_BOM):
        stripped = stripped[len(_UTF8_BOM) :].lstrip()
    return stripped


def _hex_preview(head: bytes) -> str:
    if not head:
        return "nothing"
    return " ".join(f"{b:02X}" for b in head[:8])


def _guess_kind(head: bytes) -> str:
    if head.startswith(_ZIP_MAGIC):
        kind = "a zip archive, e.g. xlsx"
    elif head.startswith(_OLE2_MAGIC):
        kind = "an OLE2 file, e.g. xls"
    elif head.startswith(_GZIP_MAGIC):
        kind = "a gzip file"
    elif head.startswith(b"%PDF"):
        kind = "a PDF"
    else:
        text_start = _strip_preamble(head)
        if text_start[:1] in (b"{", b"["):
            kind = "JSON"
        elif text_start[:5].lower() == b"<?xml":
            kind = "XML"
        elif head and b"\x00" not in head:
            kind = "text"
        else:
            return ""
    return f" (looks like {kind})"


def _parse_content_length(value: str | None) -> int | None:
    if value is None:
        return None
    # Some proxies repeat the header ("123, 123"); distinct values mean we cannot trust it.
    values = {part.strip() for part in value.split(",")}
    if len(values) != 1:
        return None
    (single,) = values
    return int(single) if single.isdigit() else None


def _wire_bytes(response: requests.Response, fallback: int) -> int:
    tell = getattr(response.raw, "tell", None)
    try:
        return int(tell()) if callable(tell) else fallback
    except (TypeError, ValueError, OSError):
        return fallback


def _timeout_kind(exc: BaseException) -> Literal["connect", "read"] | None:
    for cause in _causes(exc):
        # urllib3 2.x derives "connection refused" and DNS failures from ConnectTimeoutError for
        # backwards compatibility; they are not timeouts and must not be reported as such.
        if isinstance(cause, urllib3.exceptions.NewConnectionError):
            continue
        if isinstance(cause, requests.ConnectTimeout | urllib3.exceptions.ConnectTimeoutError):
            return "connect"
        if isinstance(cause, requests.Timeout | urllib3.exceptions.TimeoutError | TimeoutError):
            return "read"
    return None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, the errors it wraps (cause, context, args, MaxRetryError.reason), deepest last."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked.extend(arg for arg in current.args if isinstance(arg, BaseException))
        stack.extend(item for item in linked if isinstance(item, BaseException))


def _root_cause(exc: BaseException) -> str:
    causes = list(_causes(exc))
    deepest = causes[-1]
    return f"{type(deepest).__name__}: {deepest}" if str(deepest) else type(deepest).__name__


def _describe_request_error(exc: requests.RequestException, timeout: tuple[float, float]) -> str:
    # With a Retry configured, an exhausted timeout arrives as a ConnectionError wrapping
    # MaxRetryError, so look at what is inside rather than at the outer type.
    kind = _timeout_kind(exc)
    if kind == "connect":
        return f"timed out connecting to the server (connect timeout {timeout[0]:g} s)"
    if kind == "read":
        return f"timed out waiting for the server to respond (read timeout {timeout[1]:g} s)"
    if isinstance(exc, requests.TooManyRedirects):
        response = exc.response
        last = response.headers.get("Location") if response is not None else None
        towards = f"; the last to {urljoin(response.url, last)}" if last else ""
        return (
            f"expected the file but the server kept redirecting ({str(exc).rstrip('.')}{towards})"
            ": a redirect loop, or a page that needs a login"
        )
    if isinstance(exc, requests.exceptions.RetryError):
        return f"expected HTTP 200 but gave up after retries ({_root_cause(exc)})"
    if isinstance(exc, requests.ConnectionError):
        return f"could not connect to the server: {_root_cause(exc)}"
    return f"request failed: {_root_cause(exc)}"


def _now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- zip members ------------------------------------------------------------------------------

_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")


def safe_extract_member(
    zip_path: Path,
    member: str,
    dest: Path,
    *,
    source_id: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Path:
    """Copy one named member of a zip archive to the file `dest`, atomically, and return `dest`.

    Archives come from the internet, so the member name is checked for path traversal and the
    member's size is capped twice: by the size the archive declares, and by the bytes actually
    inflated (a crafted archive can under-declare).
    """
    prefix = f"{source_id}: {zip_path.name}: member {member!r}"

    def error(detail: str) -> FetchError:
        return FetchError(f"{prefix}: {detail}", source_id=source_id, file=str(zip_path))

    problem = _unsafe_member_name(member)
    if problem is not None:
        raise error(f"expected a relative path inside the archive but {problem}")

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp_path: Path | None = None
    try:
        with zipfile.ZipFile(zip_path) as archive:
            try:
                info = archive.getinfo(member)
            except KeyError:
                names = archive.namelist()
                shown = ", ".join(repr(name) for name in names[:10])
                more = f" and {len(names) - 10} more" if len(names) > 10 else ""
                raise error(
                    f"expected this member in the archive but it holds {shown or 'no members'}{more}"
                ) from None
            if info.is_dir():
                raise error("expected a file but the archive lists it as a directory")
            if info.file_size > max_bytes:
                raise error(
                    f"expected at most {max_bytes} bytes uncompressed but the archive declares "
                    f"{info.file_size} bytes; refusing to extract"
                )
            with tempfile.NamedTemporaryFile(dir=dest.parent, delete=False, suffix=".part") as tmp:
                tmp_path = Path(tmp.name)
            written = 0
            with archive.open(info) as source, tmp_path.open("wb") as out:
                while chunk := source.read(CHUNK_SIZE):
                    written += len(chunk)
                    if written > max_bytes:
                        raise error(
                            f"expected at most {max_bytes} bytes uncompressed but it inflates to "
                            f"more (stopped after {written} bytes; declared {info.file_size})"
                        )
                    out.write(chunk)
        os.replace(tmp_path, dest)
    except FetchError:
        _remove(tmp_path)
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: encrypted member; NotImplementedError: unsupported compression method.
        _remove(tmp_path)
        raise error(
            f"expected a readable zip member but extraction failed: {exc} "
            "(the archive is damaged or misstates the member's size)"
        )
    except BaseException:
        _remove(tmp_path)
        raise
    log.info("%s: extracted %d bytes to %s", prefix, written, dest)
    return dest


def _unsafe_member_name(member: str) -> str | None:
    if not member:
        return "the name is empty"
    if "\\" in member:
        return "the name contains a backslash"
    if _DRIVE_LETTER.match(member):
        return "the name starts with a drive letter"
    if member.startswith("/"):
        return "the name is an absolute path"
    if ".." in PurePosixPath(member).parts:
        return "the name contains a '..' component"
    if "\x00" in member:
        return "the name contains a NUL byte"
    return None


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
