"""`placeindex serve`: the built site's clean URLs, its 404 page, and a clear refusal when the
site has not been built. No browser needed."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from orchestration.cli import main
from orchestration.site import SiteNotBuiltError, make_server


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "index.html").write_text("<h1>England</h1>")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>")
    (tmp_path / "district").mkdir()
    (tmp_path / "district" / "E06000009.html").write_text("<h1>Blackpool</h1>")
    server = make_server(tmp_path, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_a_page_is_served_at_its_clean_url(tiny_site):
    status, content_type, body = fetch(f"{tiny_site}/district/E06000009")
    assert (status, body) == (200, "<h1>Blackpool</h1>")
    assert content_type.startswith("text/html")
    assert fetch(f"{tiny_site}/")[2] == "<h1>England</h1>"


def test_a_missing_page_gets_the_sites_404_page(tiny_site):
    assert fetch(f"{tiny_site}/district/E99999999")[:3:2] == (404, "<h1>Page not found</h1>")


def test_the_server_listens_on_this_machine_only(tmp_path):
    (tmp_path / "index.html").write_text("ok")
    server = make_server(tmp_path, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_an_unbuilt_site_is_refused_with_the_command_that_builds_it(tmp_path):
    with pytest.raises(SiteNotBuiltError, match="run `make site` first"):
        make_server(tmp_path / "dist", port=0)


def test_serve_exits_1_naming_the_missing_build(monkeypatch, tmp_path, capsys):
    import orchestration.site

    monkeypatch.setattr(orchestration.site, "SITE_DIST", tmp_path / "dist")
    assert main(["serve", "--port", "0"]) == 1
    assert "the site is not built" in capsys.readouterr().err
