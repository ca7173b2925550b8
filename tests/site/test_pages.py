"""Every page kind of the built site, opened in Chromium: it loads with no console error, no failed
request and nothing fetched from off this machine, and shows what the warehouse holds."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

ENGLAND = "E92000001"


def as_page_shows_pct(value: float) -> str:
    """A percentage as the pages print it (JavaScript's toFixed(1): halves round away from zero)."""
    return f"{Decimal(value).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def assert_clean(visit) -> None:
    assert visit.problems == [], "\n".join(visit.problems)


def assert_warehouse_named(visit, synthetic: bool) -> None:
    if synthetic:
        banner = visit.page.get_by_test_id("synthetic-banner")
        assert banner.is_visible()
        assert "SYNTHETIC DEMO DATA" in banner.inner_text()
    else:
        assert visit.page.get_by_test_id("warehouse-line").is_visible()
        assert visit.page.get_by_test_id("synthetic-banner").count() == 0


def shoot(visit, screenshots, name: str) -> None:
    """What the browser window shows (1200 x 900), as a reader would first see it."""
    visit.page.screenshot(path=str(screenshots / f"{name}.png"))


def test_overview_draws_every_district(visit, warehouse, synthetic, screenshots):
    expected = warehouse.execute(
        f"""
        select count(distinct boundaries.lad24_code)
        from staging.stg_ons__lad24_boundaries as boundaries
        inner join marts.dim_lsoa21 as geography on boundaries.lad24_code = geography.lad24_code
        where geography.ctry_code = '{ENGLAND}'
        """
    ).fetchone()[0]

    seen = visit("/", ready="#england-map svg g.district-areas path")

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    assert seen.page.locator("#england-map svg g.district-areas path").count() == expected
    england_3plus = warehouse.execute(
        "select lsoas_with_3plus_pressures from marts.where_pressures_coincide "
        "where area_level = 'ctry'"
    ).fetchone()[0]
    assert seen.page.get_by_test_id("england-lsoas-3plus").inner_text() == f"{england_3plus:,}"
    shoot(seen, screenshots, "overview")


def test_overview_maps_every_english_constituency_by_turnout(visit, warehouse):
    constituencies, lowest = warehouse.execute(
        "select count(*), arg_min(pcon24_name, turnout_2024_pct) from marts.pcon24_turnout "
        "where ctry_name = 'England' and has_boundary"
    ).fetchone()

    seen = visit("/", ready="#constituency-map svg g.constituency-areas path")

    assert_clean(seen)
    paths = seen.page.locator("#constituency-map svg g.constituency-areas path")
    assert paths.count() == constituencies
    titles = paths.evaluate_all("ps => ps.map(p => p.querySelector('title')?.textContent ?? '')")
    assert any(title.startswith(f"{lowest}\nturnout 2024:") for title in titles)


def test_district_page_shows_name_map_and_a_warehouse_value(
    visit, warehouse, synthetic, screenshots, district
):
    lsoas_with_boundary = warehouse.execute(
        """
        select count(*)
        from staging.stg_ons__lsoa21_boundaries as boundaries
        inner join marts.dim_lsoa21 as geography on boundaries.lsoa21_code = geography.lsoa21_code
        where geography.lad24_code = ?
        """,
        [district["code"]],
    ).fetchone()[0]
    share = warehouse.execute(
        "select imd2025_most_deprived_10pct_share from marts.lad24_iod2025_summaries "
        "where lad24_code = ?",
        [district["code"]],
    ).fetchone()[0]

    seen = visit(f"/district/{district['code']}", ready="#district-map svg g.lsoa-areas path")

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    assert seen.page.get_by_test_id("district-name").inner_text() == district["name"]
    assert seen.page.title().startswith(district["name"])
    assert seen.page.locator("#district-map svg g.lsoa-areas path").count() == lsoas_with_boundary
    profile = seen.page.get_by_test_id("district-profile-pdf").get_attribute("href")
    assert profile == f"/profiles/{district['code']}.pdf"
    assert seen.page.get_by_test_id("imd2025-most-deprived-10pct").inner_text() == (
        as_page_shows_pct(100 * share)
    )
    shoot(seen, screenshots, "district")


def test_ward_section_shows_its_pressures_and_neighbourhoods(
    visit, warehouse, synthetic, screenshots, district
):
    code, name, pressures, lsoas = warehouse.execute(
        """
        select coincide.area_code, geography.ward24_name, coincide.pressures_faced,
            count(*) as lsoas
        from marts.where_pressures_coincide as coincide
        inner join marts.dim_lsoa21 as geography on coincide.area_code = geography.ward24_code
        inner join staging.stg_ons__lsoa21_boundaries as boundaries
            on geography.lsoa21_code = boundaries.lsoa21_code
        where coincide.area_level = 'ward24' and coincide.lad24_code = ?
        group by all
        order by coincide.pressures_faced desc,
            any_value(coincide.residents_with_3plus_pressures_pct) desc,
            coincide.area_code
        limit 1
        """,
        [district["code"]],
    ).fetchone()

    seen = visit(
        f"/district/{district['code']}#ward-{code}", ready="#ward-section svg g.lsoa-areas path"
    )

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    section = seen.page.get_by_test_id("ward-section")
    assert section.get_by_test_id("ward-name").inner_text().startswith(name)
    assert section.get_by_test_id("ward-pressures-faced").inner_text() == str(pressures)
    assert section.locator("svg g.lsoa-areas path").count() == lsoas
    seen.page.evaluate("document.getElementById('ward-section').scrollIntoView()")
    shoot(seen, screenshots, "ward")

    # The ward's printable profile, downloaded as a person would from its link.
    link = section.get_by_test_id("ward-profile-pdf")
    response = seen.page.request.get(link.evaluate("a => a.href"), timeout=120_000)
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(response.body()))
    assert 1 <= len(pdf.pages) <= 2
    assert name in " ".join(page.extract_text() for page in pdf.pages)


def test_a_ward_without_a_december_2023_boundary_is_said_to_be_missing(visit, warehouse):
    missing = warehouse.execute(
        f"""
        select geography.lad24_code, geography.ward24_code, any_value(geography.ward24_name)
        from marts.dim_lsoa21 as geography
        left join staging.stg_ons__ward23_boundaries as boundaries
            on geography.ward24_code = boundaries.ward23_code
        where geography.ctry_code = '{ENGLAND}' and boundaries.ward23_code is null
        group by all
        order by geography.ward24_code
        limit 1
        """
    ).fetchone()
    if missing is None:
        pytest.skip("every ward (May 2024) of this warehouse has a December 2023 boundary")
    district_code, ward_code, ward_name = missing

    seen = visit(
        f"/district/{district_code}#ward-{ward_code}", ready="#ward-section [data-testid=ward-name]"
    )

    assert_clean(seen)
    section = seen.page.get_by_test_id("ward-section")
    assert section.get_by_test_id("ward-name").inner_text().startswith(ward_name)
    notice = section.get_by_test_id("ward-boundary-missing")
    assert notice.is_visible()
    assert "No December 2023 boundary" in notice.inner_text()
    # Its neighbourhoods may be drawn, but no ward outline: never another ward's shape.
    assert section.locator("svg g.ward-outlines path").count() == 0
    assert ward_name in seen.page.get_by_test_id("wards-missing-boundary").inner_text()


def test_district_index_finds_a_district_by_name(visit, synthetic, screenshots, district):
    seen = visit("/districts", ready="table tbody tr a")
    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)

    seen.page.get_by_placeholder("Search districts").fill(district["name"])
    link = seen.page.get_by_role("link", name=district["name"], exact=True).first
    link.wait_for()
    shoot(seen, screenshots, "districts")
    link.click()
    seen.page.wait_for_selector("[data-testid=district-name]")
    seen.page.wait_for_function(
        "name => document.querySelector('[data-testid=district-name]').innerText === name",
        arg=district["name"],
    )
    assert seen.page.url.endswith(f"/district/{district['code']}")
    assert_clean(seen)


def test_the_site_search_finds_a_district_by_name(visit, district):
    seen = visit("/", ready="#observablehq-search input")

    seen.page.locator("#observablehq-search input").fill(district["name"])
    result = seen.page.locator(
        f"#observablehq-search-results a[href$='district/{district['code']}']"
    )
    result.first.wait_for()
    assert district["name"] in result.first.inner_text()
    assert_clean(seen)


def test_funding_shows_coverage_never_a_silent_zero(visit, warehouse, district):
    uncovered = warehouse.execute(
        "select funder_name, group_value from marts.funding_by_pressure "
        "where grouping = 'composite_decile' and status <> 'observed' "
        "order by funder_name, group_value limit 1"
    ).fetchone()
    if uncovered is None:
        pytest.skip("every funder covers every decile in this warehouse")
    funder, decile = uncovered
    seen = visit(f"/district/{district['code']}", ready="[data-testid=funding-coverage] tbody tr")

    seen.page.get_by_label("Funder").select_option(funder)
    seen.page.wait_for_function(
        "funder => document.querySelector('[data-testid=funding-coverage] caption')"
        ".innerText.includes(funder)",
        arg=funder,
    )
    row = seen.page.locator("[data-testid=funding-coverage] tbody tr").nth(decile - 1)
    cells = row.locator("td").all_inner_texts()
    assert cells[1] in ("not covered", "not placed"), cells
    assert (
        "Share of the money placed"
        in seen.page.locator("[data-testid=funding-coverage] caption").inner_text()
    )
    assert_clean(seen)


def test_sources_page_lists_every_source_file(visit, warehouse, synthetic, screenshots):
    source_ids = [
        row[0]
        for row in warehouse.execute(
            "select source_id from meta.source_files order by 1"
        ).fetchall()
    ]

    seen = visit("/sources", ready="[data-testid=source-files] tbody tr")

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    rows = seen.page.locator("[data-testid=source-files] tbody tr")
    assert rows.count() == len(source_ids)
    listed = [rows.nth(i).get_attribute("data-source-id") for i in range(rows.count())]
    assert listed == source_ids
    shoot(seen, screenshots, "sources")


def test_methods_page_carries_the_pressures_note(visit, synthetic):
    seen = visit("/methods", ready="h1")

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    assert "The five pressures" in seen.page.locator("h1").first.inner_text()


def test_dictionary_page_describes_each_column_with_its_unit(
    visit, warehouse, synthetic, screenshots
):
    comment = warehouse.execute(
        "select comment from duckdb_columns() where schema_name = 'marts' "
        "and table_name = 'fct_lsoa21_pressures' and column_name = 'composite_decile'"
    ).fetchone()[0]

    seen = visit("/dictionary", ready="[data-testid=dictionary-table] h2")

    assert_clean(seen)
    assert_warehouse_named(seen, synthetic)
    assert "marts.fct_lsoa21_pressures" in seen.page.get_by_test_id("dictionary-table").inner_text()
    row = seen.page.locator("table tr", has_text="composite_decile").first
    text = row.inner_text()
    assert "decile (1-10)" in text
    assert " ".join(comment.split())[:40] in " ".join(text.split())
    shoot(seen, screenshots, "dictionary")
