"""The dashboard as a user sees it: the built site (site/dist) served on 127.0.0.1 and opened in
Debian's Chromium, driven by Playwright, beside the warehouse it was built from.

`make test-site` refreshes (the demo, unless PLACEINDEX_HOME is set), builds the site and runs
these tests with PLACEINDEX_SITE_TESTS=required: then a missing browser, Node or built site is a
failure, because a target whose whole job is the browser test must not pass having tested nothing.
Run any other way (plain `pytest`, `make test`), the same gaps skip these tests with the reason,
so the rest of the suite stays usable on a machine without a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from orchestration.site import SITE_DIST, make_server, profile_maker

REPO_ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("PLACEINDEX_SITE_TESTS") == "required"
README_SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
# The README's example district; any other warehouse (the demo) uses its most pressured district.
EXAMPLE_DISTRICT = "E06000009"  # Blackpool


def unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"site tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_executable() -> str | None:
    configured = os.environ.get("PLACEINDEX_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def warehouse_path() -> Path:
    home = os.environ.get("PLACEINDEX_HOME")
    return (Path(home) if home else REPO_ROOT / "data").resolve() / "placeindex.duckdb"


@pytest.fixture(scope="session")
def site_dist() -> Path:
    if shutil.which("node") is None:
        unavailable("Node.js is not installed, so the site cannot be built (make site)")
    if not (SITE_DIST / "index.html").is_file():
        unavailable("the site is not built; `make test-site` builds it and runs these tests")
    return SITE_DIST


@pytest.fixture(scope="session")
def warehouse(site_dist) -> Iterator[duckdb.DuckDBPyConnection]:
    """The published warehouse the built site was made from, read-only."""
    path = warehouse_path()
    if not path.exists():
        unavailable(f"no published warehouse at {path} to check the site against")
    con = duckdb.connect(str(path), read_only=True)
    run = con.execute(
        "select run_id from meta.refresh_runs order by published_at desc limit 1"
    ).fetchone()
    stamps = sorted((site_dist / "_file" / "data").glob("build.*.json"))
    built_from = json.loads(stamps[0].read_text())["run"]["run_id"] if stamps else None
    if run is None or built_from != run[0]:
        con.close()
        unavailable(
            f"site/dist was built from another warehouse (refresh {built_from}) than {path} "
            f"(refresh {run[0] if run else None}); rebuild it with `make site`"
        )
    yield con
    con.close()


@pytest.fixture(scope="session")
def synthetic(warehouse) -> bool:
    return warehouse.execute("select bool_or(synthetic) from meta.source_files").fetchone()[0]


@pytest.fixture(scope="session")
def site_url(site_dist, tmp_path_factory) -> Iterator[str]:
    # Served as `placeindex serve` serves it: the built pages, and profiles made on request from
    # the warehouse the site was built from.
    published = warehouse_path()
    profiles = (
        profile_maker(published, tmp_path_factory.mktemp("profiles"))
        if published.exists()
        else None
    )
    server = make_server(site_dist, port=0, quiet=True, profiles=profiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site_dist):
    executable = chromium_executable()
    if executable is None:
        unavailable(
            "no Chromium found (chromium on the PATH, or PLACEINDEX_CHROMIUM); "
            "the tests drive the system's browser and never download one"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (the project's dev dependencies)")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
    yield browser
    browser.close()
    playwright.stop()


@dataclass
class Visit:
    """A page opened in the browser, with everything that went wrong while it loaded."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        cell_errors = self.page.locator(".observablehq--error").all_inner_texts()
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"failed request: {r}" for r in self.failed_requests),
            *(f"request off 127.0.0.1: {r}" for r in self.outside_requests),
            *(f"page cell error: {t}" for t in cell_errors),
        ]


@pytest.fixture
def visit(browser, site_url):
    """visit(path, ready=selector) opens a page of the site, waits until `ready` is drawn and the
    network is quiet; requests to any host but 127.0.0.1 are recorded and refused."""
    contexts = []

    def open_page(path: str, ready: str) -> Visit:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                seen.outside_requests.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page.on(
            "console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e: seen.console_errors.append(str(e)))
        page.on(
            "requestfailed",
            lambda r: seen.failed_requests.append(f"{r.url} ({r.failure})"),
        )
        page.on(
            "response",
            lambda r: (
                seen.failed_requests.append(f"{r.url} (HTTP {r.status})")
                if r.status >= 400
                else None
            ),
        )
        page.goto(site_url + path)
        page.wait_for_selector(ready, timeout=30_000)
        page.wait_for_load_state("networkidle")
        # Late complaints (a missing icon, a cell that fails after its data arrives) count too.
        page.wait_for_timeout(300)
        return seen

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots(synthetic) -> Path:
    """Where screenshots go: PLACEINDEX_SCREENSHOTS, else site/test-screenshots (not committed).

    The README's screenshots (docs/screenshots) must show real data, never the demo's.
    """
    target = Path(os.environ.get("PLACEINDEX_SCREENSHOTS", REPO_ROOT / "site" / "test-screenshots"))
    target = target.resolve()
    if synthetic and target == README_SCREENSHOTS.resolve():
        pytest.fail(
            "refusing to write the README's screenshots from a synthetic warehouse; "
            "build the site from a real refresh (PLACEINDEX_HOME) first",
            pytrace=False,
        )
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture(scope="session")
def district(warehouse) -> dict:
    """The district the page tests open: Blackpool where the warehouse has it, else the one with
    the most neighbourhoods facing three or more pressures."""
    row = warehouse.execute(
        """
        select area_code, area_name
        from marts.where_pressures_coincide
        where area_level = 'lad24'
        order by area_code = ? desc, lsoas_with_3plus_pressures desc, area_code
        limit 1
        """,
        [EXAMPLE_DISTRICT],
    ).fetchone()
    return {"code": row[0], "name": row[1]}
