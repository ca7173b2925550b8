"""`placeindex serve`: the built dashboard site, served on this machine only.

The site is static: Observable Framework writes it to `site/dist` (`make site`), reading the
published warehouse at build time. This module serves those files, with the standard library, as a
static host would: `/district/E06000009` is the file `district/E06000009.html`, and a missing
page gets the site's own 404 page. Building belongs to the site folder and its Makefile target;
nothing here runs Node.

One thing a static host cannot do: `/profiles/<CODE>.pdf` (or `.html`) is the printable profile
of a ward, district or neighbourhood, made on first request from the published warehouse
(orchestration.profiles) and kept until the warehouse is published again. Printing every ward's
profile at build time would take hours; made on demand, the one a community group wants takes
seconds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE_DIST = Path(__file__).resolve().parents[1] / "site" / "dist"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000


PROFILE_PATH = re.compile(r"^/profiles/([EW]0[0-9]{7})\.(pdf|html)$")
# (code, "pdf" or "html") -> the file to send; raises LookupError for a code the warehouse lacks.
ProfileMaker = Callable[[str, str], Path]


class SiteNotBuiltError(Exception):
    pass


def profile_maker(published_db: Path, out_dir: Path) -> ProfileMaker:
    """Profiles from the published warehouse, cached in `out_dir` while the warehouse is unchanged."""

    def make(code: str, kind: str) -> Path:
        import duckdb

        from orchestration.profiles import ProfileError, write_profile

        published = published_db.stat().st_mtime
        cached = [
            path for path in out_dir.glob(f"{code}-*.{kind}") if path.stat().st_mtime >= published
        ]
        if cached:
            return cached[0]
        con = duckdb.connect(str(published_db), read_only=True)
        try:
            html_path, pdf_path = write_profile(con, code, out_dir)
        except ProfileError as exc:
            raise LookupError(str(exc)) from exc
        finally:
            con.close()
        return pdf_path if kind == "pdf" else html_path

    return make


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Framework's clean URLs (no `.html`) and its 404 page; quiet unless asked."""

    quiet = False
    profiles: ProfileMaker | None = None

    def do_GET(self) -> None:
        match = PROFILE_PATH.match(self.path.split("?", 1)[0])
        if match is None or self.profiles is None:
            super().do_GET()
            return
        code, kind = match.groups()
        try:
            path = type(self).profiles(code, kind)
        except LookupError as exc:
            self.send_error(404, str(exc).splitlines()[0][:200])
            return
        except Exception as exc:  # noqa: BLE001 - a failed print must reach the browser, not kill the server
            self.send_error(500, f"the profile of {code} could not be made: {exc}"[:200])
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header(
            "Content-Type", "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
        )
        self.send_header("Content-Disposition", f'inline; filename="{path.name}"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if not os.path.exists(local) and os.path.isfile(local + ".html"):
            return local + ".html"
        return local

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def check_built(directory: Path | None = None) -> Path:
    directory = directory or SITE_DIST
    if not (directory / "index.html").is_file():
        raise SiteNotBuiltError(
            f"the site is not built (no {directory / 'index.html'}); run `make site` first, "
            "which builds it from the published warehouse"
        )
    return directory


def make_server(
    directory: Path | None = None,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    quiet: bool = False,
    profiles: ProfileMaker | None = None,
) -> ThreadingHTTPServer:
    """A server for the built site, not yet serving; port 0 picks a free port. With `profiles`,
    it also answers /profiles/<CODE>.pdf and .html."""
    directory = check_built(directory)
    handler = type(
        "Handler",
        (SiteRequestHandler,),
        {"quiet": quiet, "profiles": staticmethod(profiles) if profiles else None},
    )
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(directory)))
