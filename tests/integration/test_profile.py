"""The printable place profile, read back from its PDF as a reader sees it.

Each test prints a profile with headless Chromium and reads the PDF's text with pypdf: the place's
name, one row of figures whose values are queried here from the published marts (the place, its
district and England, formatted as the page formats them), the licence text, and the synthetic
banner on demo data only. A missing Chromium skips only the tests that print.
"""

from __future__ import annotations

import argparse
import re

import duckdb
import pypdf
import pytest

from ingest.settings import load_settings
from orchestration.profiles import (
    SYNTHETIC_BANNER,
    ChromiumMissing,
    ProfileError,
    add_profile_command,
    find_chromium,
    run_profile,
    write_profile,
)

requires_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason=(
        "no Chromium to print the profile PDF (install Debian's `chromium`, or set "
        "PLACEINDEX_CHROMIUM to a Chromium executable)"
    ),
)


def pdf_text(path) -> tuple[int, str]:
    """(pages, text with whitespace runs made single spaces) of a PDF."""
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def squashed(text: str) -> str:
    # Chromium breaks long attribution lines where it likes: compare without any whitespace.
    return "".join(text.split())


def pct(value: float) -> str:
    return f"{value:,.1f}%"


def figure_row(label: str, unit: str, *values: str) -> str:
    """A table row as the PDF's text reads: label, unit, then the value of each column."""
    return " ".join([label, "·", unit, *values])


def osm_attribution(con) -> str:
    return con.execute(
        "select any_value(attribution) from meta.mart_attribution "
        "where source_id like 'openstreetmap%' "
        "and mart_name = 'marts.fct_lsoa21_pressure_indicators'"
    ).fetchone()[0]


@pytest.fixture(scope="module")
def demo_db(demo_home):
    con = duckdb.connect(str(demo_home / "placeindex.duckdb"), read_only=True)
    yield con
    con.close()


def _first_english_ward(con, district: str | None = None) -> tuple[str, str, str, str]:
    """(ward code, ward name, district code, district name) of the first ward of a district."""
    return con.execute(
        "select ward24_code, ward24_name, lad24_code, lad24_name from marts.dim_lsoa21 "
        "where ctry_code = 'E92000001' and (? is null or lad24_name = ?) "
        "order by ward24_code limit 1",
        [district, district],
    ).fetchone()


def _tenure_row(con, ward_code: str, district_code: str) -> str:
    """Private renting of a ward, its district and England, from the published rollups."""
    ward = con.execute(
        "select private_rented_pct from marts.ward24_indicators where ward24_code = ?",
        [ward_code],
    ).fetchone()[0]
    district = con.execute(
        "select private_rented_pct from marts.lad_indicators "
        "where lad_vintage = 'current' and lad_code = ?",
        [district_code],
    ).fetchone()[0]
    england = con.execute(
        "select private_rented_pct from marts.country_indicators where ctry_code = 'E92000001'"
    ).fetchone()[0]
    return figure_row(
        "Households renting privately", "% of households", pct(ward), pct(district), pct(england)
    )


@requires_chromium
def test_demo_ward_profile_through_the_command(demo_home, demo_db, tmp_path, capsys):
    ward_code, ward_name, district_code, district_name = _first_english_ward(demo_db)
    parser = argparse.ArgumentParser(prog="placeindex")
    add_profile_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["profile", ward_code, "--out", str(tmp_path)])

    assert run_profile(load_settings(home=demo_home), args.code, args.out) == 0

    pdf = next(tmp_path.glob(f"{ward_code}-*.pdf"))
    assert str(pdf) in capsys.readouterr().out
    assert (tmp_path / pdf.name.replace(".pdf", ".html")).is_file()
    pages, text = pdf_text(pdf)
    assert 1 <= pages <= 2
    assert ward_name in text and district_name in text and "England" in text
    assert _tenure_row(demo_db, ward_code, district_code) in text
    assert SYNTHETIC_BANNER in text
    assert squashed(osm_attribution(demo_db)) in squashed(text)


@requires_chromium
def test_demo_lsoa_profile_shows_its_imd_decile(demo_db, tmp_path):
    code, name, decile, rank = demo_db.execute(
        "select d.lsoa21_code, d.lsoa21_name, f.imd2025_decile, f.imd2025_rank "
        "from marts.dim_lsoa21 d join marts.fct_lsoa21_deprivation f using (lsoa21_code) "
        "where f.imd2025_rank is not null order by d.lsoa21_code limit 1"
    ).fetchone()
    ranked = demo_db.execute(
        "select count(imd2025_rank) from marts.fct_lsoa21_deprivation"
    ).fetchone()[0]

    _, pdf = write_profile(demo_db, code, tmp_path)

    pages, text = pdf_text(pdf)
    assert 1 <= pages <= 2
    assert name in text
    assert f"decile {decile} (rank {rank:,} of {ranked:,})" in text


def test_unknown_code_names_it_and_how_to_find_valid_ones(demo_db, tmp_path):
    with pytest.raises(ProfileError) as raised:
        write_profile(demo_db, "E05999999", tmp_path)
    message = str(raised.value)
    assert "no ward (May 2024) with code 'E05999999'" in message
    assert "placeindex query" in message and "ward24_code" in message
    assert not list(tmp_path.iterdir())


def test_a_name_instead_of_a_code_suggests_codes(demo_db, tmp_path):
    _, _, district_code, district_name = _first_english_ward(demo_db)
    with pytest.raises(ProfileError) as raised:
        write_profile(demo_db, district_name, tmp_path)
    assert f"{district_name} ({district_code}, district)" in str(raised.value)


def test_no_published_warehouse_says_run_refresh(tmp_path, capsys):
    assert run_profile(load_settings(home=tmp_path), "E05000001", None) == 1
    assert "run `placeindex refresh` first" in capsys.readouterr().err


def test_missing_chromium_still_writes_the_html(demo_db, tmp_path, monkeypatch):
    ward_code, ward_name, _, _ = _first_english_ward(demo_db)
    monkeypatch.setenv("PLACEINDEX_CHROMIUM", "no-such-chromium-here")

    with pytest.raises(ChromiumMissing) as raised:
        write_profile(demo_db, ward_code, tmp_path)

    message = str(raised.value)
    assert "no Chromium found" in message and "apt-get install chromium" in message
    assert str(raised.value.html_path) in message
    html = raised.value.html_path.read_text(encoding="utf-8")
    assert ward_name in html and SYNTHETIC_BANNER in html
    # Self-contained: nothing fetched when it is opened or printed.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not list(tmp_path.glob("*.pdf"))


@requires_chromium
def test_real_blackpool_ward_profile(real_db, tmp_path):
    ward_code, ward_name, district_code, district_name = _first_english_ward(real_db, "Blackpool")

    _, pdf = write_profile(real_db, ward_code, tmp_path)

    pages, text = pdf_text(pdf)
    assert 1 <= pages <= 2
    assert ward_name in text and district_name == "Blackpool" and "Blackpool" in text
    assert _tenure_row(real_db, ward_code, district_code) in text
    assert SYNTHETIC_BANNER not in text
    assert squashed(osm_attribution(real_db)) in squashed(text)
    assert "Open Government Licence v3.0" in text


@requires_chromium
def test_real_district_profile(real_db, tmp_path):
    code, name = real_db.execute(
        "select distinct lad24_code, lad24_name from marts.dim_lsoa21 where lad24_name = 'Blackpool'"
    ).fetchone()
    district = real_db.execute(
        "select imd2025_decile_1_share from marts.lad_indicators "
        "where lad_vintage = 'current' and lad_code = ?",
        [code],
    ).fetchone()[0]
    england = real_db.execute(
        "select imd2025_decile_1_share from marts.country_indicators where ctry_code = 'E92000001'"
    ).fetchone()[0]

    _, pdf = write_profile(real_db, code, tmp_path)

    pages, text = pdf_text(pdf)
    assert 1 <= pages <= 2
    assert name in text and "DISTRICT (MAY 2024)" in text.upper()
    # A district is set beside England alone: two values in the row.
    assert (
        figure_row(
            "Neighbourhoods in England's most deprived 10%, IMD 2025",
            "% of the area's LSOAs in national decile 1",
            pct(100 * district),
            pct(100 * england),
        )
        in text
    )
    assert SYNTHETIC_BANNER not in text
