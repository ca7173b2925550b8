"""Raw landing from a local folder and from a local HTTP server, with provenance."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import requests

from ingest.arcgis import fetch_feature_layer
from ingest.catalog import get_source
from ingest.errors import PlaceindexError
from ingest.landing import SYNTHETIC_MARKER, land_source, latest_landing
from ingest.settings import Settings
from tests.conftest import manifest_sha256, real_file

FILE1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"


def test_from_dir_finds_file_by_published_name_and_records_provenance(shared_data, tmp_path):
    settings = Settings(home=tmp_path, from_dir=shared_data)
    source = get_source("mhclg__iod2019_file1")
    landed = land_source(source, settings)
    assert landed.path == tmp_path / "raw" / source.source_id / landed.provenance.sha256 / FILE1
    assert landed.provenance.sha256 == manifest_sha256()[FILE1]
    assert landed.provenance.bytes == real_file(FILE1).stat().st_size
    assert landed.provenance.origin == f"dir:{shared_data}"
    assert landed.provenance.synthetic is False
    stored = json.loads((landed.path.parent / "provenance.json").read_text())
    assert stored["licence"].startswith("Open Government Licence v3.0")
    assert latest_landing(settings, source).path == landed.path


def test_a_folder_the_demo_generator_wrote_lands_as_synthetic(tmp_path):
    import demo

    # The generator's stamp is what landing looks for.
    assert demo.VERSION_FILE == SYNTHETIC_MARKER
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "la_all_codes.csv").write_text("LADCD,LADNM\n", encoding="utf-8")
    source = get_source("drkane__la_all_codes")
    plain = land_source(source, Settings(home=tmp_path / "a", from_dir=folder))
    assert plain.provenance.synthetic is False
    (folder / SYNTHETIC_MARKER).write_text("10\n", encoding="ascii")
    marked = land_source(source, Settings(home=tmp_path / "b", from_dir=folder))
    assert (marked.provenance.synthetic, marked.provenance.origin) == (True, f"dir:{folder}")
    # A folder of real files that holds the demo's folder below: only the demo's files are
    # synthetic, and a real file found beside that folder is not.
    parent = tmp_path / "all"
    parent.mkdir()
    folder.rename(parent / "demo_sources")
    (parent / "la_all_codes.csv").write_text("LADCD,LADNM\n", encoding="utf-8")
    real = land_source(source, Settings(home=tmp_path / "c", from_dir=parent))
    assert (real.path.name, real.provenance.synthetic) == ("la_all_codes.csv", False)
    (parent / "la_all_codes.csv").unlink()
    assert land_source(source, Settings(home=tmp_path / "d", from_dir=parent)).provenance.synthetic


def test_demo_mode_without_the_demo_folder_says_how_to_write_it(tmp_path):
    settings = Settings(home=tmp_path, demo=True)
    with pytest.raises(PlaceindexError) as error:
        land_source(get_source("drkane__la_all_codes"), settings)
    assert str(error.value) == (
        f"drkane__la_all_codes: no demo files in {tmp_path / 'demo_sources'}; write them with "
        f"`python -m demo {tmp_path / 'demo_sources'}` (`placeindex refresh --demo` does this "
        "first)"
    )


def test_from_dir_missing_file_names_source_and_file(tmp_path):
    settings = Settings(home=tmp_path / "home", from_dir=tmp_path)
    with pytest.raises(PlaceindexError) as error:
        land_source(get_source("mhclg__iod2019_file1"), settings)
    assert str(error.value) == (
        f"mhclg__iod2019_file1: none of ['{FILE1}'] found under {tmp_path} "
        "(files are matched by their published name)"
    )


class _FileServer(BaseHTTPRequestHandler):
    body = b""
    etag = '"v1"'
    requests_seen: ClassVar[list[dict]] = []

    def do_GET(self):
        type(self).requests_seen.append(dict(self.headers))
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("ETag", self.etag)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def file_server(shared_data):
    _FileServer.body = real_file(FILE1).read_bytes()
    _FileServer.requests_seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FileServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{FILE1}"
    server.shutdown()
    server.server_close()


def test_internet_landing_reuses_unchanged_source(file_server, tmp_path, monkeypatch):
    source = get_source("mhclg__iod2019_file1")
    local = type(source)(**{**source.__dict__, "url": file_server})
    settings = Settings(home=tmp_path)
    first = land_source(local, settings)
    assert first.downloaded and first.provenance.etag == '"v1"'
    assert first.provenance.sha256 == manifest_sha256()[FILE1]
    second = land_source(local, settings)
    assert not second.downloaded
    assert second.path == first.path
    assert _FileServer.requests_seen[-1]["If-None-Match"] == '"v1"'


class _FeatureServer(BaseHTTPRequestHandler):
    rows: ClassVar[list[dict]] = []

    def do_GET(self):
        from urllib.parse import parse_qs, urlparse

        query = parse_qs(urlparse(self.path).query)
        offset, count = int(query["resultOffset"][0]), 3  # small pages force paging
        page = self.rows[offset : offset + count]
        body = json.dumps(
            {
                "features": [{"attributes": row} for row in page],
                "exceededTransferLimit": offset + count < len(self.rows),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_arcgis_layer_is_paged_into_the_published_csv_layout(shared_data, tmp_path):
    source = get_source("ons__ward19_lad19")
    lines = real_file(source.file_names[0]).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    _FeatureServer.rows = [
        # ArcGIS names fields in its own case; the published header order must come back.
        {key.lower(): value for key, value in zip(header, line.split(","), strict=True)}
        for line in lines[1:11]
    ]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeatureServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = fetch_feature_layer(
            f"http://127.0.0.1:{server.server_address[1]}/FeatureServer/0/query",
            tmp_path,
            source.file_names[0],
            source_id=source.source_id,
            columns=[column.header for column in source.columns],
            session=requests.Session(),
        )
    finally:
        server.shutdown()
        server.server_close()
    written = Path(path).read_text(encoding="utf-8").splitlines()
    assert written == lines[:11]


def test_census_bulk_zip_downloaded_once_per_change_and_members_read(
    file_server, tmp_path, monkeypatch
):
    import zipfile

    from ingest.readers import read_source

    archive = tmp_path / "census2021-ts054.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for level in ("lsoa", "msoa"):
            name = f"census2021-ts054-{level}.csv"
            bundle.write(real_file(name), name)
    _FileServer.body = archive.read_bytes()
    url = file_server.rsplit("/", 1)[0] + "/census2021-ts054.zip"
    source = get_source("ons__census2021_ts054_msoa")
    local = type(source)(**{**source.__dict__, "url": url})
    settings = Settings(home=tmp_path / "home")
    landed = land_source(local, settings)
    # The archive is what was published, so provenance is the archive's.
    assert landed.provenance.file_name == "census2021-ts054.zip"
    assert landed.provenance.bytes == len(_FileServer.body)
    assert read_source(local, landed.path).height == 7_264
    assert not land_source(local, settings).downloaded


def test_optional_source_absent_from_folder_is_a_distinct_error(tmp_path):
    from ingest.landing import SourceFileNotFound

    settings = Settings(home=tmp_path / "home", from_dir=tmp_path)
    source = get_source("ons__census2021_ts054_ctry")
    assert not source.required
    with pytest.raises(SourceFileNotFound) as error:
        land_source(source, settings)
    assert "census2021-ts054.zip" in str(error.value)
    assert "census2021-ts054-ctry.csv" in str(error.value)


class _GeoJsonFeatureServer(BaseHTTPRequestHandler):
    """An ArcGIS feature layer's query endpoint answering f=geojson in pages of at most
    `max_records` features, as the ONS portal's layers do (there 2,000)."""

    features: ClassVar[list[dict]] = []
    max_records = 250
    queries: ClassVar[list[dict]] = []
    error: ClassVar[dict | None] = None

    def do_GET(self):
        from urllib.parse import parse_qs, urlparse

        query = parse_qs(urlparse(self.path).query)
        type(self).queries.append(query)
        if self.error is not None:
            body = {"error": self.error}
        else:
            key = query["orderByFields"][0]
            ordered = sorted(self.features, key=lambda feature: feature["properties"][key])
            offset = int(query.get("resultOffset", ["0"])[0])
            count = min(int(query.get("resultRecordCount", ["2000"])[0]), self.max_records)
            body = {
                "type": "FeatureCollection",
                "features": ordered[offset : offset + count],
            }
            if offset + count < len(ordered):
                body["properties"] = {"exceededTransferLimit": True}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/geo+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def lsoa_boundary_layer(shared_data):
    """The Greater Manchester LSOA 2021 boundaries (real geometry, 1,702 areas) served as the
    national LSOA layer would serve them: the layer's fields, paged GeoJSON."""
    gm = json.loads(real_file("gm_lsoa21_generalised.geojson").read_text(encoding="utf-8"))
    _GeoJsonFeatureServer.features = [
        {
            "type": "Feature",
            "properties": {
                "FID": index + 1,
                "LSOA21CD": feature["properties"]["area_code"],
                "LSOA21NM": feature["properties"]["area_name"],
                "LSOA21NMW": " ",
                "BNG_E": 0,
                "BNG_N": 0,
                "LAT": 0.0,
                "LONG": 0.0,
                "GlobalID": f"id-{index}",
            },
            "geometry": feature["geometry"],
        }
        for index, feature in enumerate(gm["features"])
    ]
    _GeoJsonFeatureServer.queries = []
    _GeoJsonFeatureServer.error = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GeoJsonFeatureServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    source = get_source("ons__lsoa21_boundaries")
    # The catalog URL's own query string, on the local server: the fetch must replace it.
    local_url = (
        f"http://127.0.0.1:{server.server_address[1]}/FeatureServer/0/query?"
        + source.url.split("?", 1)[1]
    )
    yield type(source)(**{**source.__dict__, "url": local_url})
    server.shutdown()
    server.server_close()


def test_boundary_layer_is_paged_into_one_feature_collection(lsoa_boundary_layer, tmp_path):
    from ingest.readers import read_source

    source = lsoa_boundary_layer
    assert source.fetch_mode == "arcgis_geojson"
    landed = land_source(source, Settings(home=tmp_path))
    assert landed.downloaded and landed.provenance.url == source.url
    queries = _GeoJsonFeatureServer.queries
    # 1,702 features in pages of 250: seven requests, each its own offset, ordered by the key.
    assert [int(query["resultOffset"][0]) for query in queries] == list(range(0, 1702, 250))
    assert {query["orderByFields"][0] for query in queries} == {"LSOA21CD"}
    assert all(len(query["f"]) == 1 and query["f"] == ["geojson"] for query in queries)
    frame = read_source(source, landed.path)
    assert frame.height == 1702
    served = {feature["properties"]["LSOA21CD"] for feature in _GeoJsonFeatureServer.features}
    assert set(frame["LSOA21CD"]) == served
    assert frame["geometry_geojson"].null_count() == 0
    trafford = _GeoJsonFeatureServer.features[0]
    row = frame.filter(frame["LSOA21CD"] == trafford["properties"]["LSOA21CD"])
    assert json.loads(row["geometry_geojson"][0]) == trafford["geometry"]


def test_boundary_layer_error_names_the_source_and_lands_nothing(lsoa_boundary_layer, tmp_path):
    _GeoJsonFeatureServer.error = {"code": 400, "message": "'Invalid field: LSOA21CD' parameter"}
    settings = Settings(home=tmp_path)
    with pytest.raises(PlaceindexError) as raised:
        land_source(lsoa_boundary_layer, settings)
    message = str(raised.value)
    assert message.startswith("ons__lsoa21_boundaries: ")
    assert "answered an error at offset 0" in message and "Invalid field: LSOA21CD" in message
    assert latest_landing(settings, lsoa_boundary_layer) is None
    incoming = tmp_path / "raw" / "ons__lsoa21_boundaries" / "_incoming"
    assert not list(incoming.glob("*"))


# --- A file published with companion files (a shapefile set) ------------------------------------

PCON24 = "ons__pcon24_boundaries"
PCON24_STEM = "PCON_JULY_2024_UK_BUC"
PCON24_SET = [f"{PCON24_STEM}{suffix}" for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg")]


def _sha256sum_of_sha256sum(folder: Path, names: list[str]) -> str:
    """What `sha256sum A B C | sha256sum` prints, without the shell."""
    import hashlib

    listing = "".join(
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n" for name in names
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def test_a_shapefile_lands_with_its_companions_each_with_its_sha256(shared_data, tmp_path):
    source = get_source(PCON24)
    settings = Settings(home=tmp_path, from_dir=shared_data)
    landed = land_source(source, settings)
    folder = landed.path.parent
    assert landed.path.name == f"{PCON24_STEM}.shp"
    # The whole published set in one immutable folder, named by the set's digest; the
    # ArcGIS metadata (.shp.xml) is not needed to read it and is not landed.
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [*PCON24_SET, "provenance.json"]
    )
    manifest = manifest_sha256()
    provenance = landed.provenance
    assert [(entry["file_name"], entry["sha256"]) for entry in provenance.files] == [
        (name, manifest[name]) for name in PCON24_SET
    ]
    assert provenance.sha256 == _sha256sum_of_sha256sum(real_file(PCON24_SET[0]).parent, PCON24_SET)
    assert folder.name == provenance.sha256
    assert provenance.bytes == sum(real_file(name).stat().st_size for name in PCON24_SET)
    stored = json.loads((folder / "provenance.json").read_text())
    assert [entry["file_name"] for entry in stored["files"]] == PCON24_SET
    assert latest_landing(settings, source).provenance == provenance
    from ingest.readers import read_source

    assert read_source(source, landed.path).height == 650


def test_a_change_to_a_companion_alone_is_a_new_landing(shared_data, tmp_path):
    import shutil

    source = get_source(PCON24)
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in PCON24_SET:
        shutil.copyfile(real_file(name), folder / name)
    settings = Settings(home=tmp_path / "home", from_dir=folder)
    first = land_source(source, settings)
    again = land_source(source, settings)
    assert again.provenance.sha256 == first.provenance.sha256
    # The publisher corrects a name in the attributes; the shapes are the same bytes.
    dbf = folder / f"{PCON24_STEM}.dbf"
    dbf.write_bytes(dbf.read_bytes().replace(b"Aldershot", b"Aldershoe", 1))
    corrected = land_source(source, settings)
    assert corrected.provenance.files[0] == first.provenance.files[0]
    assert corrected.provenance.sha256 != first.provenance.sha256
    assert corrected.path.parent != first.path.parent
    # The earlier landing is untouched.
    assert b"Aldershot" in (first.path.parent / f"{PCON24_STEM}.dbf").read_bytes()


def test_a_missing_companion_names_the_source_and_the_file(shared_data, tmp_path):
    import shutil

    folder = tmp_path / "sources" / "boundaries"
    folder.mkdir(parents=True)
    for name in PCON24_SET:
        if not name.endswith(".dbf"):
            shutil.copyfile(real_file(name), folder / name)
    settings = Settings(home=tmp_path / "home", from_dir=tmp_path / "sources")
    from ingest.landing import CompanionFileNotFound

    with pytest.raises(CompanionFileNotFound) as error:
        land_source(get_source(PCON24), settings)
    assert str(error.value) == (
        f"{PCON24}: {PCON24_STEM}.shp cannot be read without its companion file(s) "
        f"['{PCON24_STEM}.dbf'], expected beside it in {folder} (the published set is "
        f"{PCON24_SET})"
    )
    assert (error.value.source_id, error.value.file) == (PCON24, f"{PCON24_STEM}.dbf")
    assert latest_landing(settings, get_source(PCON24)) is None


@pytest.fixture()
def constituency_layer(shared_data):
    """The real constituency boundaries (from the shapefile, in WGS84) served as the feature
    layer would serve them: paged GeoJSON, features in no code order."""
    from ingest.readers import read_source

    source = get_source(PCON24)
    frame = read_source(source, real_file(PCON24_SET[0]))
    _GeoJsonFeatureServer.features = [
        {
            "type": "Feature",
            "properties": {
                "FID": number,
                "PCON24CD": code,
                "PCON24NM": name,
                "PCON24NMW": welsh or " ",
                "GlobalID": f"id-{number}",
            },
            "geometry": json.loads(geometry),
        }
        for number, code, name, welsh, geometry in reversed(frame.rows())
    ]
    _GeoJsonFeatureServer.queries = []
    _GeoJsonFeatureServer.error = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GeoJsonFeatureServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local_url = (
        f"http://127.0.0.1:{server.server_address[1]}/FeatureServer/0/query?"
        + source.url.split("?", 1)[1]
    )
    yield type(source)(**{**source.__dict__, "url": local_url})
    server.shutdown()
    server.server_close()


def test_the_constituency_layer_is_paged_into_one_feature_collection(constituency_layer, tmp_path):
    from ingest.readers import read_source

    source = constituency_layer
    assert source.fetch_mode == "arcgis_geojson"
    landed = land_source(source, Settings(home=tmp_path))
    assert landed.path.name == "PCON_JULY_2024_UK_BUC.geojson"
    assert [entry["file_name"] for entry in landed.provenance.files] == [landed.path.name]
    queries = _GeoJsonFeatureServer.queries
    # 650 features in pages of 250: three requests, ordered by the key.
    assert [int(query["resultOffset"][0]) for query in queries] == [0, 250, 500]
    assert {query["orderByFields"][0] for query in queries} == {"PCON24CD"}
    frame = read_source(source, landed.path)
    assert frame.height == 650
    assert frame["PCON24CD"].to_list() == sorted(frame["PCON24CD"].to_list())
    assert frame["PCON24CD"].str.starts_with("E14").sum() == 543
    served = {f["properties"]["PCON24CD"]: f["geometry"] for f in _GeoJsonFeatureServer.features}
    row = frame.filter(frame["PCON24CD"] == "E14001105").row(0, named=True)
    assert row["PCON24NM"] == "Blackpool South"
    assert json.loads(row["geometry_geojson"]) == served["E14001105"]


class _Routes(BaseHTTPRequestHandler):
    """Each path answers as `routes` says: ("file", body) with an ETag, or (status, body, type)."""

    routes: ClassVar[dict[str, tuple]] = {}
    seen: ClassVar[list[tuple[str, dict]]] = []

    def do_GET(self):
        type(self).seen.append((self.path, dict(self.headers)))
        route = self.routes.get(self.path, (404, b"", "text/plain"))
        if route[0] == "file":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            status, body, kind = 200, route[1], "application/octet-stream"
        else:
            status, body, kind = route
        self.send_response(status)
        if route[0] == "file":
            self.send_header("ETag", '"v1"')
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def routes(shared_data):
    _Routes.routes, _Routes.seen = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Routes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _file1_at(url: str, *mirrors: str):
    from dataclasses import replace

    return replace(get_source("mhclg__iod2019_file1"), url=url, mirrors=mirrors)


def test_a_mirror_is_used_when_the_publisher_url_fails(routes, tmp_path, caplog):
    _Routes.routes = {"/copy/file1.xlsx": ("file", real_file(FILE1).read_bytes())}
    source = _file1_at(f"{routes}/publisher/file1.xlsx", f"{routes}/copy/file1.xlsx")
    with caplog.at_level("WARNING", logger="ingest.landing"):
        landed = land_source(source, Settings(home=tmp_path))
    assert [path for path, _ in _Routes.seen] == ["/publisher/file1.xlsx", "/copy/file1.xlsx"]
    assert landed.provenance.url == f"{routes}/copy/file1.xlsx"
    assert landed.provenance.sha256 == manifest_sha256()[FILE1]
    assert f"downloaded from mirror {routes}/copy/file1.xlsx" in caplog.text
    assert "HTTP 404" in caplog.text


def test_the_mirror_is_not_asked_while_the_publisher_serves_the_file(routes, tmp_path):
    _Routes.routes = {"/publisher/file1.xlsx": ("file", real_file(FILE1).read_bytes())}
    source = _file1_at(f"{routes}/publisher/file1.xlsx", f"{routes}/copy/file1.xlsx")
    landed = land_source(source, Settings(home=tmp_path))
    assert [path for path, _ in _Routes.seen] == ["/publisher/file1.xlsx"]
    assert landed.provenance.url == source.url


def test_when_every_url_fails_one_error_names_each_with_its_reason(routes, tmp_path):
    _Routes.routes = {
        "/copy/file1.xlsx": (200, b"<!DOCTYPE html><html><body>Moved</body></html>", "text/html"),
        "/other/file1.xlsx": (403, b"", "text/plain"),
    }
    urls = [f"{routes}/{folder}/file1.xlsx" for folder in ("publisher", "copy", "other")]
    settings = Settings(home=tmp_path)
    with pytest.raises(PlaceindexError) as error:
        land_source(_file1_at(*urls), settings)
    lines = str(error.value).splitlines()
    assert lines[0] == "mhclg__iod2019_file1: none of its 3 download URLs served the file:"
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [f"  - {url}" for url in urls]
    assert "got HTTP 404" in lines[1]
    assert "HTML" in lines[2]
    assert "got HTTP 403" in lines[3]
    assert error.value.source_id == "mhclg__iod2019_file1"
    assert latest_landing(settings, get_source("mhclg__iod2019_file1")) is None
    assert not list((tmp_path / "raw" / "mhclg__iod2019_file1" / "_incoming").iterdir())


def test_a_validator_is_sent_only_to_the_url_it_came_from(routes, tmp_path):
    body = real_file(FILE1).read_bytes()
    _Routes.routes = {"/copy/file1.xlsx": ("file", body)}
    source = _file1_at(f"{routes}/publisher/file1.xlsx", f"{routes}/copy/file1.xlsx")
    settings = Settings(home=tmp_path)
    first = land_source(source, settings)
    # The publisher still fails: it is asked without the mirror's ETag, the mirror with it.
    _Routes.seen = []
    again = land_source(source, settings)
    assert not again.downloaded and again.path == first.path
    (publisher, asked), (mirror, revalidated) = _Routes.seen
    assert (publisher, mirror) == ("/publisher/file1.xlsx", "/copy/file1.xlsx")
    assert "If-None-Match" not in asked and revalidated["If-None-Match"] == '"v1"'
    # The publisher is back: its file lands, recorded as from its URL.
    _Routes.routes["/publisher/file1.xlsx"] = ("file", body)
    _Routes.seen = []
    back = land_source(source, settings)
    assert [path for path, _ in _Routes.seen] == ["/publisher/file1.xlsx"]
    assert "If-None-Match" not in _Routes.seen[0][1]
    assert back.downloaded and back.provenance.url == source.url
