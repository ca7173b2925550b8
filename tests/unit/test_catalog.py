"""The catalog loader: TOML family files into `Source`s, and the exact error for a bad entry."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from ingest.catalog import CATALOG_DIR, FAMILIES, SOURCES, CatalogError, load_catalog
from ingest.catalog.load import load_family

ENTRY = """
[[sources]]
source_id = "example__table"
title = "An example table"
publisher = "Example publisher"
url = "https://example.org/table.xlsx"
landing_page = "https://example.org/"
licence = "Open Government Licence v3.0"
attribution = "Example publisher"
vintage = "2024"
geography = "LSOA 2021"
release_cadence = "yearly"
reader = "tabular"
key = ["code"]
columns = [
  { header = "code" },
  { header = "Published name ", read = false },
  { header = "value", dtype = "int", as_published = "value " },
]
"""
LAYOUT = """
[[sources.layouts]]
file_name = "table.xlsx"
format = "xlsx"
"""


def write(tmp_path: Path, text: str, name: str = "family.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_catalog_loads_every_family():
    assert len(SOURCES) == len({source.source_id for source in SOURCES})
    assert set(FAMILIES) == {path.stem for path in CATALOG_DIR.glob("*.toml")}


def test_an_entry_reads_into_a_source(tmp_path):
    (source,) = load_family(write(tmp_path, ENTRY + LAYOUT + 'sheet = "Data"\n'))
    assert source.family == "family"
    assert [(c.header, c.dtype) for c in source.columns] == [("code", "str"), ("value", "int")]
    # The published header keeps unread columns and the publisher's spacing, for the demo.
    assert source.default_layout.header == ("code", "Published name ", "value ")
    assert source.default_layout.sheet_names == ("Data",)


def test_defaults_apply_unless_an_entry_sets_its_own(tmp_path):
    text = '[defaults]\nvintage = "2019"\nexpected_rows = 10\n' + ENTRY + LAYOUT
    (source,) = load_family(write(tmp_path, text))
    assert (source.vintage, source.expected_rows) == ("2024", 10)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('key = ["code"]', 'key = ["name"]'), "key ['name'] must name read columns"),
        (('vintage = "2024"', 'vintage = "2024"\nvintge = "2023"'), "unknown field(s) ['vintge']"),
        (('dtype = "int"', 'dtype = "integer"'), "column 'value': dtype must be one of"),
        (('as_published = "value "', 'as_published = "values"'), "differs in more than spacing"),
        (('source_id = "example__table"', 'source_id = "Example-table"'), "<publisher>__<dataset>"),
        (('url = "https://example.org/table.xlsx"', 'url = "ftp://x"'), "is not an http(s) URL"),
        (('format = "xlsx"', 'format = "ods"'), "format must be one of"),
        (('format = "xlsx"', 'format = "zip"'), "a zip layout names its member"),
        (('format = "xlsx"', 'format = "xlsx"\nsheets = ["a", "b"]'), "several sheets need a"),
        (
            ('format = "xlsx"', 'format = "xlsx"\nsheet = "b"\nsheets = ["a", "b"]'),
            "sheet 'b' is not the first of ['a', 'b']",
        ),
        (('format = "xlsx"', 'format = "csv"\nsheet = "a"'), "only a workbook has sheets"),
        (('key = ["code"]', 'key = ["code"]\nrows_rejected = 2'), "fewer than expected_rows"),
        (('key = ["code"]', 'key = ["code"]\nkey_unique = "false"'), "key_unique must be bool"),
        (('key = ["code"]', 'key = ["code"]\nexpected_rows = true'), "expected_rows must be int"),
        (('reader = "tabular"', 'reader = "tabualr"'), "reader 'tabualr' is no module"),
        (('key = ["code"]', 'key = ["code", "code"]'), "key must list distinct texts"),
        (('geography = "LSOA 2021"', "geography = 2021"), "geography must be str, not 2021"),
        (
            ('key = ["code"]', 'key = ["code"]\ncoverage_codes = ["England"]'),
            "coverage_codes must be GSS codes",
        ),
        (
            ('reader = "tabular"', 'reader = "tabular"\nmirrors = ["http://example.net/t.xlsx"]'),
            "mirrors must be https URLs",
        ),
        (
            (
                'reader = "tabular"',
                'reader = "tabular"\nmirrors = ["https://example.org/table.xlsx"]',
            ),
            "mirrors must be distinct and differ from url",
        ),
        (
            (
                'reader = "tabular"',
                'reader = "tabular"\nfetch_mode = "arcgis"\nmirrors = ["https://example.net/t.csv"]',
            ),
            "only a file download (fetch_mode 'file') tries them",
        ),
        (
            (
                'reader = "tabular"',
                'reader = "tabular"\nurl_host_because = """\nA copy.\nPinned."""',
            ),
            "url_host_because must be one line",
        ),
        (
            ('format = "xlsx"', 'format = "xlsx"\ncompanions = ["dbf"]'),
            "companion 'dbf' must be a file suffix ('.dbf') other than the file's own ('.xlsx')",
        ),
        (
            ('format = "xlsx"', 'format = "xlsx"\ncompanions = [".dbf"]'),
            (
                "table.xlsx: a layout with companion files is found in a local folder only, so "
                "it cannot be the first (the one fetched from url)"
            ),
        ),
    ],
)
def test_a_bad_entry_is_refused_naming_file_source_and_field(tmp_path, change, message):
    old, new = change
    text = (ENTRY + LAYOUT).replace(old, new, 1)
    with pytest.raises(CatalogError) as error:
        load_family(write(tmp_path, text))
    assert str(error.value).startswith("catalog family.toml: source ")
    assert message in str(error.value)


def test_a_file_that_is_not_toml_is_refused_naming_it(tmp_path):
    with pytest.raises(CatalogError, match=r"catalog family.toml: cannot be read as TOML"):
        load_family(write(tmp_path, ENTRY.replace("]\n", "\n", 1)))


def test_a_layout_error_names_the_layout(tmp_path):
    with pytest.raises(CatalogError) as error:
        load_family(write(tmp_path, ENTRY + LAYOUT + "header = [1, 2]\n"))
    assert str(error.value) == (
        "catalog family.toml: source 'example__table': layout 1 ('table.xlsx'): header must hold "
        "texts only"
    )


def test_columns_from_takes_an_earlier_entrys_columns(tmp_path):
    second = (
        (ENTRY + LAYOUT)
        .replace("example__table", "example__other")
        .replace("table.xlsx", "other.xlsx")
    )
    start = second.index("columns = [")
    end = second.index("]\n", start) + 2
    second = second[:start] + 'columns_from = "example__table"\n' + second[end:]
    first, other = load_family(write(tmp_path, ENTRY + LAYOUT + second))
    assert other.columns == first.columns
    assert other.default_layout.header == first.default_layout.header
    unknown = second.replace('"example__table"', '"example__nothing"', 1)
    with pytest.raises(CatalogError, match="'example__nothing' is not an earlier entry"):
        load_family(write(tmp_path, ENTRY + LAYOUT + unknown))


def test_one_source_in_two_families_is_refused(tmp_path):
    write(tmp_path, ENTRY + LAYOUT, "first.toml")
    write(tmp_path, ENTRY + LAYOUT, "second.toml")
    with pytest.raises(CatalogError, match="'example__table' is in both first.toml and second"):
        load_catalog(tmp_path)


def test_companion_files_are_named_beside_their_file(tmp_path):
    second = '[[sources.layouts]]\nfile_name = "table.shp"\nformat = "shp"\n'
    companions = 'companions = [".shx", ".dbf"]\n'
    (source,) = load_family(write(tmp_path, ENTRY + LAYOUT + second + companions))
    shapefile = source.layout_for("table.shp")
    assert shapefile.companion_names == ("table.shx", "table.dbf")
    # A shapefile's header is its .dbf's fields, published or not.
    assert shapefile.header == ("code", "Published name ", "value ")
    assert source.default_layout.companion_names == ()


def test_mirrors_are_tried_after_the_url_in_catalog_order(tmp_path):
    mirrors = 'mirrors = ["https://example.net/a/table.xlsx", "https://example.net/b/table.xlsx"]\n'
    text = ENTRY.replace('reader = "tabular"\n', f'reader = "tabular"\n{mirrors}', 1)
    (source,) = load_family(write(tmp_path, text + LAYOUT))
    assert source.download_urls == (
        "https://example.org/table.xlsx",
        "https://example.net/a/table.xlsx",
        "https://example.net/b/table.xlsx",
    )
    assert source.url_host_because is None


# Where publishers serve their own files, by URL prefix, and the publisher (as the entry names it)
# each serves. A primary URL anywhere else (a GitHub copy, another organisation's server) is kept
# only with the entry's one-line reason, `url_host_because`.
PUBLISHER_URL_PREFIXES = {
    "https://www.nomisweb.co.uk/": "Office for National Statistics",
    "https://download.ons.gov.uk/": "Office for National Statistics",
    # The ONS Open Geography Portal: its ArcGIS organisation, its hub and ArcGIS Online items.
    "https://services1.arcgis.com/ESMARspQHYMw9BZ9/": "Office for National Statistics",
    "https://open-geography-portalx-ons.hub.arcgis.com/": "Office for National Statistics",
    "https://www.arcgis.com/sharing/rest/content/items/": "Office for National Statistics",
    "https://assets.publishing.service.gov.uk/": "Ministry of Housing, Communities",
    "https://researchbriefings.files.parliament.uk/": "House of Commons Library",
    "https://files.digital.nhs.uk/": "NHS England",
    "https://www.gov.scot/": "Scottish Government",
    "https://www.nisra.gov.uk/": "(NISRA)",
}


def _on_publishers_server(url: str, publisher: str) -> bool:
    return any(
        url.startswith(prefix) and name in publisher
        for prefix, name in PUBLISHER_URL_PREFIXES.items()
    )


def test_every_primary_url_off_the_publishers_server_says_why():
    off_server = sorted(
        source.source_id
        for source in SOURCES
        if not _on_publishers_server(source.url, source.publisher)
    )
    justified = {
        source.source_id: source.url_host_because for source in SOURCES if source.url_host_because
    }
    # Either the publisher's own file becomes the url (a copy going to `mirrors`), or the entry
    # says why this host is the right one: the publisher's own repository, or a derived file whose
    # maker is its publisher, or no link of the publisher's own to these bytes is known.
    assert off_server == sorted(justified), (
        f"no reason given: {sorted(set(off_server) - set(justified))}; "
        f"a reason but on the publisher's server: {sorted(set(justified) - set(off_server))}"
    )
    for source_id, reason in justified.items():
        assert reason.strip() and "\n" not in reason, source_id


def _manifest_copies() -> dict[str, str]:
    """Each pinned copy the shared data was taken from, as its raw URL -> the shared file's name."""
    from tests.conftest import SHARED_DATA

    text = (SHARED_DATA / "MANIFEST.md").read_text(encoding="utf-8")
    copies = {}
    for block in re.split(r"\n## ", text):
        taken = re.search(
            r"\*\*Taken from\*\*: (\S+) @ ([0-9a-f]{40}) : (.+?)(?: \(|$)", block, re.MULTILINE
        )
        if taken:
            repo, commit, path = taken.groups()
            url = f"https://raw.githubusercontent.com/{repo}/{commit}/{path.strip()}"
            copies[url] = block.splitlines()[0].strip().rsplit("/", 1)[-1]
    return copies


def test_every_mirror_is_a_pinned_copy_of_a_file_the_tests_read(shared_data):
    copies = _manifest_copies()
    mirrored = [source for source in SOURCES if source.mirrors]
    assert mirrored
    for source in mirrored:
        for mirror in source.mirrors:
            # Pinned to a commit, so the bytes cannot change under the same URL.
            assert re.match(
                r"https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/", mirror
            )
            shared = copies.get(unquote(mirror))
            assert shared in source.file_names, f"{source.source_id}: {mirror}"
