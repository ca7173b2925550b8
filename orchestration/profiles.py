"""Printable place profile: one or two A4 pages about a ward, district or neighbourhood.

A community group asked for evidence about its own ward can attach this to a bid: each figure of
the place beside its district and its country, in plain English, with units, the sources, their
vintage and the licence texts the data require on every output that uses them.

What belongs here: reading the published warehouse for one place (every query is in the block
`SQL: every query the profile runs` below), formatting numbers as people read them, rendering
`templates/profile.html` and printing it to PDF with headless Chromium. What does not: modelling.
Every figure is a published mart's own, or its LSOA 2021 values summed (counts), divided as summed
counts (rates) or averaged weighted by residents (distances, per-head values) over the area, the
rules the rollup marts follow. Areas are built from LSOAs through `marts.dim_lsoa21` so that the
place, its district and its country are aggregated from the same spine by the same query.

The PDF is printed by the Chromium command line (`--print-to-pdf`) rather than through
Playwright: it needs nothing beyond the browser itself at run time (Playwright is a test tool
here), it honours the template's `@page` A4 size, and the page is static (no script, no network),
so there is nothing to wait for.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ingest.errors import PlaceindexError
from ingest.settings import Settings

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "profile.html"
CHROMIUM_ENV = "PLACEINDEX_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 120
MAX_PAGES = 2
SYNTHETIC_BANNER = "SYNTHETIC DEMO DATA — not official statistics"
NOT_AVAILABLE = "not available"
# Most deprived (1) to least (10): a diverging scale that still reads in greyscale print.
DECILE_COLOURS = (
    "#67001f",
    "#b2182b",
    "#d6604d",
    "#f4a582",
    "#fddbc7",
    "#d1e5f0",
    "#92c5de",
    "#4393c3",
    "#2166ac",
    "#053061",
)

EXIT_OK, EXIT_FAILED = 0, 1


class ProfileError(PlaceindexError):
    """A profile cannot be made: the message says why and what to do."""


class ChromiumMissing(ProfileError):
    """No Chromium to print with; the HTML profile was still written."""

    def __init__(self, message: str, html_path: Path):
        super().__init__(message)
        self.html_path = html_path


# ---------------------------------------------------------------------------------------------
# SQL: every query the profile runs.
#
# The marts' geography and unit columns are named only in this block, so a renamed column is a
# change here and nowhere else. Areas are selected from `marts.dim_lsoa21` by the code columns in
# GEOGRAPHY; the figures are joined to it by `lsoa21_code`.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    key: str  # where_pressures_coincide.area_level
    code_column: str  # in marts.dim_lsoa21
    name_column: str
    label: str  # what a reader calls it
    code_prefixes: tuple[str, ...]


GEOGRAPHY = {
    "lsoa21": Level(
        "lsoa21",
        "lsoa21_code",
        "lsoa21_name",
        "Neighbourhood (LSOA 2021)",
        ("E01", "W01"),
    ),
    "ward24": Level("ward24", "ward24_code", "ward24_name", "Ward (May 2024)", ("E05", "W05")),
    "lad24": Level(
        "lad24",
        "lad24_code",
        "lad24_name",
        "District (May 2024)",
        ("E06", "E07", "E08", "E09", "W06"),
    ),
}
DISTRICT = GEOGRAPHY["lad24"]
ENGLAND_CODE = "E92000001"

# Codes of earlier vintages a user may hold, to say which vintage the profile needs instead.
OTHER_VINTAGES = (
    ("ward23_code", "ward23_name", "a ward of May 2023"),
    ("ward19_code", "ward19_name", "a ward of December 2019"),
    ("lad23_code", "lad23_name", "a district of 2023"),
    ("lad22_code", "lad22_name", "a district of 2022"),
)

PRESSURES = ("poverty", "transience", "fragmentation", "isolation", "democracy")

# The marts the profile reads: their sources' attribution goes in the footer.
MARTS_USED = (
    "dim_lsoa21",
    "fct_lsoa21_deprivation",
    "fct_lsoa21_housing_tenure",
    "fct_lsoa21_transience",
    "fct_lsoa21_social_infrastructure",
    "fct_lsoa21_pressure_indicators",
    "fct_lsoa21_pressures",
    "where_pressures_coincide",
    "fct_grants",
)
# Funders whose files cover all of England (the catalog's coverage_codes), as
# where_pressures_coincide counts them.
NATIONAL_COVERAGE_CODES = frozenset({"E92000001", "K02000001", "K03000001", "K04000001"})

SQL_FIND_PLACE = """
select {code_column}, {name_column}, lad24_code, lad24_name, ctry_code, ctry_name
from marts.dim_lsoa21
where {code_column} = $code
limit 1
"""

SQL_OTHER_VINTAGE = """
select {name_column}, lad24_name from marts.dim_lsoa21 where {code_column} = $code limit 1
"""

SQL_NAME_MATCHES = """
select distinct level, code, name, district
from (
    select 'ward24' as level, ward24_code as code, ward24_name as name, lad24_name as district
    from marts.dim_lsoa21
    union all
    select 'lad24', lad24_code, lad24_name, lad24_name from marts.dim_lsoa21
)
where name ilike $pattern
order by level desc, name
limit 8
"""


def _weighted_mean(value: str, weight: str) -> str:
    return (
        f"sum({value} * {weight}) / nullif(sum(case when {value} is not null then {weight} end), 0)"
    )


def _share_pct(condition: str, over: str) -> str:
    return f"100.0 * count(*) filter (where {condition}) / nullif(count({over}), 0)"


def _complete_sum(value: str) -> str:
    # A count is known for an area only when it is known for every LSOA of it: a partial sum
    # would read as a small count, not as unknown.
    return f"case when count({value}) = count(*) then sum({value}) end"


_DECILE_SHARES = ",\n    ".join(
    f"{_share_pct(f'imd{year}_decile = {k}', f'imd{year}_decile')} as imd{year}_decile_{k}_pct"
    for year in (2025, 2019)
    for k in range(1, 11)
)
_PRESSURE_SHARES = ",\n    ".join(
    f"100.0 * coalesce(sum(pressure_residents) filter (where {p}_decile <= 2), 0) "
    f"/ nullif(sum(pressure_residents), 0) as {p}_worst_fifth_residents_pct,\n    "
    f"any_value({p}_decile) as {p}_decile"
    for p in PRESSURES
)

SQL_AREA_FIGURES = f"""
with

lsoas as (

    select
        geography.lsoa21_code,
        geography.ward24_code,
        geography.lad24_code,
        geography.ctry_code,
        deprivation.imd2025_rank,
        deprivation.imd2025_decile,
        deprivation.imd2019_decile,
        tenure.households,
        tenure.owned_households,
        tenure.social_rented_households,
        tenure.private_rented_households,
        transience.usual_residents,
        transience.residents_aged_1_plus,
        transience.moved_in_last_year_per_1k,
        infrastructure.nearest_open_library_km,
        infrastructure.gp_practices,
        infrastructure.charities,
        infrastructure.libraries_2023,
        infrastructure.library_authority_libraries_per_10k,
        infrastructure.lad_pubs_2018_per_10k,
        infrastructure.lad_pubs_change_2001_2018_pct,
        indicators.places_to_meet_within_reach_per_1k,
        indicators.nearest_place_to_meet_km,
        {", ".join(f"pressures.{p}_decile" for p in PRESSURES)},
        pressures.composite_rank,
        pressures.composite_decile,
        coincide.usual_residents as pressure_residents,
        coincide.social_infrastructure_decile
    from marts.dim_lsoa21 as geography
    left join marts.fct_lsoa21_deprivation as deprivation
        on geography.lsoa21_code = deprivation.lsoa21_code
    left join marts.fct_lsoa21_housing_tenure as tenure
        on geography.lsoa21_code = tenure.lsoa21_code
    left join marts.fct_lsoa21_transience as transience
        on geography.lsoa21_code = transience.lsoa21_code
    left join marts.fct_lsoa21_social_infrastructure as infrastructure
        on geography.lsoa21_code = infrastructure.lsoa21_code
    left join marts.fct_lsoa21_pressure_indicators as indicators
        on geography.lsoa21_code = indicators.lsoa21_code
    left join marts.fct_lsoa21_pressures as pressures
        on geography.lsoa21_code = pressures.lsoa21_code
    left join marts.where_pressures_coincide as coincide
        on coincide.area_level = 'lsoa21' and geography.lsoa21_code = coincide.area_code

),

areas as (

    select 'place' as role, * from lsoas where {{place_column}} = $place_code
    union all
    select 'district' as role, * from lsoas where lad24_code = $district_code
    union all
    select 'country' as role, * from lsoas where ctry_code = $country_code

)

select
    role,
    count(*) as lsoa_count,
    sum(usual_residents) as usual_residents,
    sum(households) as households,
    count(imd2025_rank) as lsoas_with_imd2025,
    any_value(imd2025_rank) as imd2025_rank,
    any_value(imd2025_decile) as imd2025_decile,
    {_DECILE_SHARES},
    100.0 * sum(private_rented_households) / nullif(sum(households), 0) as private_rented_pct,
    100.0 * sum(social_rented_households) / nullif(sum(households), 0) as social_rented_pct,
    100.0 * sum(owned_households) / nullif(sum(households), 0) as owned_pct,
    {_weighted_mean("moved_in_last_year_per_1k", "residents_aged_1_plus")}
        as moved_in_last_year_per_1k,
    {_PRESSURE_SHARES},
    any_value(composite_decile) as composite_decile,
    count(composite_rank) as lsoas_ranked_for_pressures,
    {_weighted_mean("places_to_meet_within_reach_per_1k", "usual_residents")}
        as places_to_meet_within_reach_per_1k,
    {_weighted_mean("nearest_place_to_meet_km", "usual_residents")} as nearest_place_to_meet_km,
    {_weighted_mean("nearest_open_library_km", "usual_residents")} as nearest_open_library_km,
    {_weighted_mean("library_authority_libraries_per_10k", "usual_residents")}
        as library_authority_libraries_per_10k,
    {_weighted_mean("lad_pubs_2018_per_10k", "usual_residents")} as lad_pubs_2018_per_10k,
    {_weighted_mean("lad_pubs_change_2001_2018_pct", "usual_residents")}
        as lad_pubs_change_2001_2018_pct,
    {_complete_sum("gp_practices")} as gp_practices,
    {_complete_sum("charities")} as charities,
    {_complete_sum("libraries_2023")} as libraries_2023,
    count(*) filter (where social_infrastructure_decile = 1) as thinnest_tenth_lsoas,
    count(social_infrastructure_decile) as lsoas_with_social_infrastructure_decile
from areas
group by role
"""

SQL_COINCIDE = """
select
    area_code,
    pressures_faced,
    pressures_faced_names,
    residents_with_3plus_pressures_pct,
    lsoas_with_3plus_pressures,
    pressured_and_under_served_lsoas,
    national_funder_grants_gbp,
    national_funder_grants_per_head_gbp
from marts.where_pressures_coincide
where (area_level = $place_level and area_code = $place_code)
    or (area_level = 'lad24' and area_code = $district_code)
    or (area_level = 'ctry' and area_code = $country_code)
"""

SQL_NATIONAL_GRANTS = """
select
    grants.source_id,
    any_value(files.publisher) as publisher,
    count(*) as grants,
    sum(grants.amount_gbp) as amount_gbp,
    coalesce(sum(grants.amount_gbp) filter (where grants.lsoa21_code like 'E01%'), 0)
        as placed_in_england_gbp
from marts.fct_grants as grants
left join meta.source_files as files on grants.source_id = files.source_id
where list_contains($source_ids, grants.source_id)
group by grants.source_id
order by grants.source_id
"""

SQL_PUBLISHED = """
select
    (select max(published_at) from meta.refresh_runs) as published_at,
    (select coalesce(bool_or(synthetic), false) from meta.source_files) as synthetic
"""

SQL_ATTRIBUTION = """
select distinct
    attribution.source_id,
    files.title,
    attribution.publisher,
    attribution.licence,
    attribution.attribution,
    attribution.vintage
from meta.mart_attribution as attribution
left join meta.source_files as files on attribution.source_id = files.source_id
where list_contains($marts, attribution.mart_name)
order by attribution.source_id
"""

SQL_REQUIRED_TABLES = """
select table_schema || '.' || table_name
from information_schema.tables
where table_schema in ('marts', 'meta')
"""

# ---------------------------------------------------------------------------------------------
# Numbers as people read them.
# ---------------------------------------------------------------------------------------------


def fmt_pct(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{value:,.1f}%"


def fmt_count(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{round(value):,}"


def fmt_number(value: float | None, decimals: int = 1) -> str:
    return NOT_AVAILABLE if value is None else f"{value:,.{decimals}f}"


def fmt_km(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{value:,.1f} km"


def fmt_gbp_per_head(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"£{value:,.2f}"


def fmt_gbp(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"£{value:,.0f}"


def fmt_signed_pct(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{value:+,.1f}%"


# ---------------------------------------------------------------------------------------------
# The page's content: plain data the template lays out.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: Level
    district_code: str
    district_name: str
    country_code: str
    country_name: str

    @property
    def is_district(self) -> bool:
        return self.level.key == DISTRICT.key

    @property
    def in_england(self) -> bool:
        return self.country_code == ENGLAND_CODE


@dataclass
class Row:
    label: str
    unit: str
    values: list[str]
    flags: list[bool] = field(default_factory=list)  # which values to mark (faces a pressure)


@dataclass
class Section:
    title: str
    intro: str
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DecileBar:
    area: str
    shares: list[float]  # percentage of the area's LSOAs in decile 1..10
    lsoas: int


def _place_from(row: tuple, level: Level) -> Place:
    code, name, district_code, district_name, country_code, country_name = row
    return Place(code, name, level, district_code, district_name, country_code, country_name)


def _level_of(code: str) -> Level | None:
    for level in GEOGRAPHY.values():
        if code.startswith(level.code_prefixes):
            return level
    return None


def _how_to_find_codes(district: str = "Blackpool") -> str:
    return (
        "Profiles take a ward of May 2024 (E05…/W05…), a district of May 2024 "
        "(E06…, E07…, E08…, E09…, W06…) or a neighbourhood (LSOA 2021, E01…/W01…). List a "
        "district's wards with: placeindex query \"select distinct ward24_code, ward24_name "
        f'from marts.dim_lsoa21 where lad24_name = {_sql_text(district)} order by 2"'
    )


def find_place(con, code: str) -> Place:
    """The place a code names, or a ProfileError saying how to find a valid code."""
    wanted = code.strip()
    level = _level_of(wanted.upper())
    if level is not None:
        wanted = wanted.upper()
        row = con.execute(
            SQL_FIND_PLACE.format(code_column=level.code_column, name_column=level.name_column),
            {"code": wanted},
        ).fetchone()
        if row is not None:
            return _place_from(row, level)
        for code_column, name_column, vintage in OTHER_VINTAGES:
            found = con.execute(
                SQL_OTHER_VINTAGE.format(code_column=code_column, name_column=name_column),
                {"code": wanted},
            ).fetchone()
            if found is not None:
                raise ProfileError(
                    f"placeindex profile: {wanted!r} is {vintage} ({found[0]}, now in "
                    f"{found[1]}); profiles use the wards and districts of May 2024. "
                    + _how_to_find_codes(found[1])
                )
    if level is not None:
        raise ProfileError(
            f"placeindex profile: no {level.label[0].lower()}{level.label[1:]} with code "
            f"{wanted!r} in the published warehouse. {_how_to_find_codes()}"
        )
    matches = (
        con.execute(SQL_NAME_MATCHES, {"pattern": f"%{wanted}%"}).fetchall()
        if len(wanted) >= 3
        else []
    )
    hint = ""
    if matches:
        listed = "; ".join(
            f"{name} ({code_}, " + (f"ward in {district})" if lvl == "ward24" else "district)")
            for lvl, code_, name, district in matches
        )
        hint = f" Places named like it: {listed}."
    raise ProfileError(
        f"placeindex profile: {wanted!r} is not the code of a ward, district or "
        f"neighbourhood.{hint} {_how_to_find_codes()}"
    )


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _check_tables(con) -> None:
    present = {row[0] for row in con.execute(SQL_REQUIRED_TABLES).fetchall()}
    needed = [f"marts.{name}" for name in MARTS_USED] + [
        "meta.source_files",
        "meta.refresh_runs",
        "meta.mart_attribution",
    ]
    missing = [name for name in needed if name not in present]
    if missing:
        raise ProfileError(
            "placeindex profile: the published warehouse has no "
            f"{', '.join(missing)}; it was published by an older version. Run "
            "`placeindex refresh` to publish one the profile can read."
        )


def _national_sources() -> list[str]:
    from ingest.catalog import SOURCES

    return sorted(
        source.source_id
        for source in SOURCES
        if NATIONAL_COVERAGE_CODES.intersection(getattr(source, "coverage_codes", None) or ())
    )


def _fetch_dicts(con, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _area_columns(place: Place) -> list[tuple[str, str]]:
    """(role, heading) of the columns beside each figure: the place, its district, its country."""
    columns = [("place", place.name)]
    if not place.is_district:
        columns.append(("district", place.district_name))
    columns.append(("country", place.country_name))
    return columns


def build_context(con, place: Place) -> dict[str, Any]:
    """Everything the template shows, as formatted strings: no number is formatted in it."""
    params = {
        "place_code": place.code,
        "district_code": None if place.is_district else place.district_code,
        "country_code": place.country_code,
    }
    figures = {
        row["role"]: row
        for row in _fetch_dicts(
            con, SQL_AREA_FIGURES.format(place_column=place.level.code_column), params
        )
    }
    coincide_rows = _fetch_dicts(con, SQL_COINCIDE, {**params, "place_level": place.level.key})
    coincide_by_code = {row["area_code"]: row for row in coincide_rows}
    columns = _area_columns(place)
    role_codes = {
        "place": place.code,
        "district": place.district_code,
        "country": place.country_code,
    }
    coincide = {role: coincide_by_code.get(role_codes[role]) for role, _ in columns}
    published_at, synthetic = con.execute(SQL_PUBLISHED).fetchone()
    attribution = _fetch_dicts(con, SQL_ATTRIBUTION, {"marts": [f"marts.{m}" for m in MARTS_USED]})

    def values(getter) -> list[str]:
        return [getter(figures.get(role) or {}) for role, _ in columns]

    sections = [
        _deprivation_section(place, figures, columns),
        _pressures_section(place, figures, coincide, columns),
        _housing_section(values),
        _grants_section(con, place, coincide, columns),
        _places_to_meet_section(place, figures, columns, attribution),
    ]
    decile_bars = [
        DecileBar(
            heading,
            [figures[role][f"imd2025_decile_{k}_pct"] or 0.0 for k in range(1, 11)],
            figures[role]["lsoas_with_imd2025"],
        )
        for role, heading in columns
        if role in figures and figures[role]["lsoas_with_imd2025"]
    ]
    place_figures = figures["place"]
    return {
        "place": place,
        "columns": [heading for _, heading in columns],
        "summary": [
            ("Residents (Census 2021)", fmt_count(place_figures["usual_residents"])),
            ("Households", fmt_count(place_figures["households"])),
            ("Neighbourhoods (LSOAs 2021)", fmt_count(place_figures["lsoa_count"])),
        ],
        "sections": sections,
        "decile_bars": decile_bars,
        "decile_colours": DECILE_COLOURS,
        "synthetic": bool(synthetic),
        "synthetic_banner": SYNTHETIC_BANNER,
        "published_date": _long_date(published_at),
        "generated_date": _long_date(date.today()),
        "credits": _credits(attribution),
    }


def _long_date(value) -> str:
    if value is None:
        return "unknown"
    return f"{value.day} {value:%B %Y}"


def _deprivation_section(place: Place, figures: dict, columns) -> Section:
    def per_role(key: str, fmt) -> list[str]:
        return [fmt((figures.get(role) or {}).get(key)) for role, _ in columns]

    rows = []
    if place.level.key == "lsoa21":
        own = figures["place"]
        ranked = (figures.get("country") or {}).get("lsoas_with_imd2025")
        rows.append(
            Row(
                "This neighbourhood's IMD 2025 decile",
                "1 = England's most deprived tenth, 10 = least deprived",
                [
                    NOT_AVAILABLE
                    if own["imd2025_decile"] is None
                    else f"decile {own['imd2025_decile']} (rank {own['imd2025_rank']:,} "
                    f"of {ranked:,})"
                ]
                + [""] * (len(columns) - 1),
            )
        )
    rows += [
        Row(
            "Neighbourhoods in England's most deprived 10%, IMD 2025",
            "% of the area's LSOAs in national decile 1",
            per_role("imd2025_decile_1_pct", fmt_pct),
        ),
        Row(
            "The same in IMD 2019",
            "% of LSOAs (2019 deciles moved onto 2021 neighbourhoods)",
            per_role("imd2019_decile_1_pct", fmt_pct),
        ),
        Row(
            "Neighbourhoods in England's most deprived 20%, IMD 2025",
            "% of the area's LSOAs in national deciles 1 and 2",
            [
                _sum_pct(figures.get(role), "imd2025_decile_1_pct", "imd2025_decile_2_pct")
                for role, _ in columns
            ],
        ),
    ]
    title = "Deprivation: English Indices of Deprivation 2025"
    if not place.in_england:
        return Section(
            title,
            f"The Index of Multiple Deprivation 2025 covers England only: not available for "
            f"{place.name}.",
            [],
        )
    ranked = (figures.get("country") or {}).get("lsoas_with_imd2025") or 0
    return Section(
        title,
        "How many of the area's neighbourhoods (LSOAs) fall in each tenth of England, from the "
        "most deprived (1) to the least (10).",
        rows,
        [
            (
                "Ranks are relative: a neighbourhood in the most deprived 10% is among the tenth of "
                f"England's {ranked:,} neighbourhoods ranked most deprived, not above a fixed "
                "threshold."
            )
        ],
    )


def _sum_pct(row: dict | None, *keys: str) -> str:
    if not row or any(row.get(key) is None for key in keys):
        return NOT_AVAILABLE
    return fmt_pct(sum(row[key] for key in keys))


PRESSURE_LABELS = {
    "poverty": ("Poverty", "deprivation (IMD 2025) and households deprived in 2+ ways (Census)"),
    "transience": ("Transience", "private renting and people moving home (Census 2021)"),
    "fragmentation": (
        "Fragmentation",
        "how separately groups live in the district; residents who cannot speak English well",
    ),
    "isolation": (
        "Isolation",
        "loneliness, disability, rural, places to meet, closed libraries and pubs, gardens",
    ),
    "democracy": ("Democracy", "general election turnout in 2024 and its change since 2019"),
}


def _pressures_section(place: Place, figures: dict, coincide: dict, columns) -> Section:
    if not place.in_england:
        return Section(
            "The five pressures on community power",
            "The pressures are ranked over England's neighbourhoods only: not available for "
            f"{place.name}.",
            [],
        )
    rows = []
    for pressure in PRESSURES:
        label, measured_by = PRESSURE_LABELS[pressure]
        cells, flags = [], []
        for role, _ in columns:
            row = figures.get(role) or {}
            share = row.get(f"{pressure}_worst_fifth_residents_pct")
            faces = share is not None and share > 50
            if role == "place" and place.level.key == "lsoa21":
                decile = row.get(f"{pressure}_decile")
                cells.append(
                    NOT_AVAILABLE
                    if decile is None
                    else f"decile {decile}" + (" (worst fifth)" if decile <= 2 else "")
                )
                faces = decile is not None and decile <= 2
            else:
                cells.append(fmt_pct(share))
            flags.append(faces)
        rows.append(Row(label, measured_by, cells, flags))

    def coincide_value(role: str, key: str, fmt) -> str:
        row = coincide.get(role)
        return NOT_AVAILABLE if row is None else fmt(row[key])

    rows.append(
        Row(
            "Residents in neighbourhoods facing 3 or more pressures",
            "% of residents",
            [
                coincide_value(role, "residents_with_3plus_pressures_pct", fmt_pct)
                for role, _ in columns
            ],
        )
    )
    rows.append(
        Row(
            "Neighbourhoods both pressured and under-served",
            "LSOAs in England's worst tenth for the pressures combined and the thinnest tenth "
            "for places to meet and services",
            [
                coincide_value(role, "pressured_and_under_served_lsoas", fmt_count)
                for role, _ in columns
            ],
        )
    )
    own = coincide.get("place")
    if own is None or not own["pressures_faced"]:
        faced = f"{place.name} faces none of the five pressures."
    else:
        count = own["pressures_faced"]
        faced = f"{place.name} faces {count} of the five pressures: {own['pressures_faced_names']}."
    if place.level.key == "lsoa21":
        rule = (
            "A neighbourhood faces a pressure when it is in England's worst fifth for it "
            "(decile 1 or 2 of 10)."
        )
        composite = figures["place"].get("composite_decile")
        if composite is not None:
            faced += f" All five combined, it is in decile {composite} of England (1 = worst)."
    else:
        rule = (
            "Figures: % of residents living in neighbourhoods in England's worst fifth for the "
            "pressure (England: about 20% by construction). An area faces a pressure when more "
            "than half of its residents do (marked ●)."
        )
    return Section(
        "The five pressures on community power",
        f"{faced} {rule}",
        rows,
        [
            (
                "The pressures are those named by Local Trust / IVAR's research; each combines "
                "several published indicators ranked over England's neighbourhoods "
                "(docs/methods/pressures.md). Some indicators are district or constituency "
                "figures shared by every neighbourhood in them."
            )
        ],
    )


def _housing_section(values) -> Section:
    return Section(
        "Housing and moving home (Census 2021)",
        "How settled the area is: who rents and how many people moved in during the year before "
        "the Census.",
        [
            Row(
                "Households renting privately",
                "% of households",
                values(lambda row: fmt_pct(row.get("private_rented_pct"))),
            ),
            Row(
                "Households renting from a council or housing association",
                "% of households",
                values(lambda row: fmt_pct(row.get("social_rented_pct"))),
            ),
            Row(
                "Households owning their home",
                "% of households (outright or with a mortgage)",
                values(lambda row: fmt_pct(row.get("owned_pct"))),
            ),
            Row(
                "People who moved in during the year before the Census",
                "per 1,000 residents aged 1 and over (from elsewhere in the UK or abroad)",
                values(lambda row: fmt_number(row.get("moved_in_last_year_per_1k"))),
            ),
        ],
    )


def _osm_attribution(attribution: list[dict]) -> str | None:
    for row in attribution:
        if row["source_id"].startswith("openstreetmap") or "ODbL" in (row["licence"] or ""):
            return (row["attribution"] or "").strip() or None
    return None


def _counts_cell(row: dict) -> str:
    counts = [row.get(key) for key in ("gp_practices", "charities", "libraries_2023")]
    if all(count is None for count in counts):
        return "not known"
    return " · ".join("not known" if count is None else fmt_count(count) for count in counts)


def _places_to_meet_section(place: Place, figures: dict, columns, attribution) -> Section:
    def per_role(key: str, fmt) -> list[str]:
        return [fmt((figures.get(role) or {}).get(key)) for role, _ in columns]

    rows = [
        Row(
            "Places to meet within reach",
            "community centres, village halls, social centres and libraries, per 1,000 "
            "residents (OpenStreetMap)",
            per_role("places_to_meet_within_reach_per_1k", fmt_number),
        ),
        Row(
            "Distance to the nearest place to meet",
            "average for residents",
            per_role("nearest_place_to_meet_km", fmt_km),
        ),
        Row(
            "Distance to the nearest open library",
            "average for residents, from the neighbourhood's centre",
            per_role("nearest_open_library_km", fmt_km),
        ),
        Row(
            "Libraries in the library authority",
            "open in 2023, per 10,000 residents of the authority",
            per_role("library_authority_libraries_per_10k", fmt_number),
        ),
        Row(
            "Pubs and bars in the district",
            "per 10,000 residents, 2018",
            per_role("lad_pubs_2018_per_10k", fmt_number),
        ),
        Row(
            "Change in the district's pubs and bars",
            "2001 to 2018",
            per_role("lad_pubs_change_2001_2018_pct", fmt_signed_pct),
        ),
        Row(
            "Neighbourhoods in England's thinnest tenth for places to meet",
            "LSOAs: farthest from a library, fewest libraries and pubs per head",
            per_role("thinnest_tenth_lsoas", fmt_count)
            if place.in_england
            else [NOT_AVAILABLE] * len(columns),
        ),
        Row(
            "GP practices · registered charities · libraries (2023) in the area",
            "counts, placed by postcode",
            [_counts_cell(figures.get(role) or {}) for role, _ in columns],
        ),
    ]
    notes = [
        (
            "Library-authority and district figures are shared by every neighbourhood in them; "
            "England's are averages over its residents."
        ),
        (
            "“Not known” is not a zero: counting needs the national postcode directory, not loaded "
            "here for every neighbourhood of the area. Places to meet are mapped by volunteers: a "
            "low figure may mean unmapped rather than absent."
        ),
    ]
    osm = _osm_attribution(attribution)
    if osm:
        notes.insert(0, f"Places to meet: {osm}.")
    return Section(
        "Places to meet and services",
        "Social infrastructure: places people can meet, libraries, pubs and services.",
        rows,
        notes,
    )


def _grants_section(con, place: Place, coincide: dict, columns) -> Section:
    files = _fetch_dicts(con, SQL_NATIONAL_GRANTS, {"source_ids": _national_sources()})
    total = sum(row["amount_gbp"] or 0 for row in files)
    placed = sum(row["placed_in_england_gbp"] or 0 for row in files)
    placed_pct = 100.0 * placed / total if total else None
    funders = ", ".join(row["publisher"] or row["source_id"] for row in files)
    if not place.in_england:
        status = "not_covered"
        coverage = (
            "Coverage: not_covered. Grant money is set against England's neighbourhoods only, "
            f"so no figure is shown for {place.name}: a zero would be unknown, not observed."
        )
    elif not files or total == 0:
        status = "not_covered"
        coverage = (
            "Coverage: not_covered. No loaded funder's files list every grant it made in "
            "England, so no figure is shown: a zero would be unknown, not observed."
        )
    elif placed == 0:
        status = "not_placed"
        coverage = (
            f"Coverage: not_placed. None of the money of the funders counted ({funders}) could "
            "be placed in a neighbourhood, so no figure is shown: a zero would be unknown, not "
            "observed."
        )
    else:
        status = "observed"
        coverage = (
            f"Coverage: observed. Funders counted: {funders}. Of {fmt_gbp(total)} in their "
            f"files, {fmt_gbp(placed)} ({fmt_pct(placed_pct)}) could be placed in a "
            "neighbourhood; the rest is in no area, so a low figure may mean money that could "
            "not be placed, not money not given."
        )
    cells = []
    for role, _ in columns:
        row = coincide.get(role)
        if status != "observed" or row is None:
            cells.append(status.replace("_", " ") if status != "observed" else "not covered")
        else:
            cells.append(fmt_gbp_per_head(row["national_funder_grants_per_head_gbp"]))
    unit = (
        "£ per Census 2021 resident, all years loaded, from funders whose files list every "
        f"grant they made in England. Coverage: {status}"
    )
    if status == "observed":
        unit += f"; {fmt_pct(placed_pct)} of their money could be placed in a neighbourhood"
    return Section(
        "Grant money",
        "Grants from open 360Giving data placed in the area's neighbourhoods, per resident.",
        [Row("Grant money per resident", unit, cells)],
        [
            coverage,
            (
                "Not all the money reaching the area: most grant-makers publish no open grant data, "
                "and funders whose files cover only some places are left out."
            ),
        ],
    )


@dataclass(frozen=True)
class Credit:
    attribution: str
    licences: list[str]
    sources: list[str]  # "title (vintage)"


def _credits(attribution: list[dict]) -> list[Credit]:
    """One entry per attribution text, with the licences and sources (and vintages) under it:
    many sources share one text, and the page has room for each text once. A licence's address
    is given the first time it is named."""
    grouped: dict[str, dict[str, list]] = {}
    linked: set[str] = set()
    for row in attribution:
        text = (row["attribution"] or row["publisher"] or row["source_id"]).strip()
        group = grouped.setdefault(text, {"licences": [], "sources": []})
        licence = (row["licence"] or "").strip()
        if _names_licence(text, licence):
            licence = ""
        for url in _URL.findall(licence):
            if url in linked:
                licence = licence.replace(f" ({url})", "")
            linked.add(url)
        if licence and licence not in group["licences"]:
            group["licences"].append(licence)
        group["sources"].append(
            (row["vintage"] or "vintage not recorded", row["title"] or row["source_id"])
        )
    credits = []
    for text, group in grouped.items():
        # Ten Census tables share one vintage: say it once.
        by_vintage: dict[str, list[str]] = {}
        for vintage, title in group["sources"]:
            by_vintage.setdefault(vintage, []).append(title)
        sources = [f"{'; '.join(titles)} ({vintage})" for vintage, titles in by_vintage.items()]
        credits.append(Credit(text, group["licences"], sources))
    return credits


_URL = re.compile(r"\((https?://[^)\s]+)\)")


def _names_licence(attribution: str, licence: str) -> bool:
    """Whether the attribution text already names the licence (the OGL's statement does)."""
    name = licence.split(" (", 1)[0]

    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    return bool(name) and squash(name) in squash(attribution)


# ---------------------------------------------------------------------------------------------
# HTML and PDF.
# ---------------------------------------------------------------------------------------------


def render_html(context: dict[str, Any]) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(("html",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE_NAME).render(**context)


def find_chromium(chromium: str | Path | None = None) -> str | None:
    """The Chromium to print with: the argument, then $PLACEINDEX_CHROMIUM, then the PATH."""
    for candidate in (chromium, os.environ.get(CHROMIUM_ENV)):
        if candidate:
            return shutil.which(str(candidate))
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html_path: Path, pdf_path: Path, chromium: str) -> Path:
    """Print the HTML file to an A4 PDF with headless Chromium, replacing pdf_path atomically."""
    tmp_pdf = pdf_path.with_name(f".{pdf_path.name}.part")
    with tempfile.TemporaryDirectory(prefix="placeindex-chromium-") as profile_dir:
        command = [
            chromium,
            "--headless",
            # The page is our own static file with no script and no network, and Chromium's
            # sandbox cannot start as root in a container.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # A fresh profile: nothing read from or written to the user's browser profile.
            f"--user-data-dir={profile_dir}",
            # Without these Chromium prints the date and the file's path on every page.
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={tmp_pdf}",
            html_path.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            tmp_pdf.unlink(missing_ok=True)
            raise ProfileError(
                f"placeindex profile: Chromium ({chromium}) did not print {html_path} within "
                f"{PRINT_TIMEOUT_S} s; the HTML profile is there to print from a browser."
            ) from None
    if result.returncode != 0 or not tmp_pdf.exists() or tmp_pdf.read_bytes()[:5] != b"%PDF-":
        tmp_pdf.unlink(missing_ok=True)
        detail = "\n".join(
            line for line in result.stderr.splitlines() if "dbus" not in line.lower()
        )[-2000:]
        raise ProfileError(
            f"placeindex profile: Chromium ({chromium}) could not print {html_path} to PDF "
            f"(exit {result.returncode}); the HTML profile is there to print from a browser.\n"
            f"{detail}"
        )
    os.replace(tmp_pdf, pdf_path)
    return pdf_path


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def pdf_page_count(pdf: bytes) -> int | None:
    """Pages of a PDF as Chromium writes it (its page tree's /Count), or None if not found."""
    counts = [int(found) for found in re.findall(rb"/Count\s+(\d+)", pdf)]
    return max(counts) if counts else None


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "place"


def write_profile(
    con, code: str, out_dir: Path | str, chromium: str | Path | None = None
) -> tuple[Path, Path]:
    """Write the profile of a ward, district or LSOA as HTML and as PDF; return both paths.

    `con` is a connection to the published warehouse (read-only is enough). Raises ProfileError
    for a code the warehouse does not hold, and ChromiumMissing (after writing the HTML) when no
    Chromium can be found to print the PDF.
    """
    _check_tables(con)
    place = find_place(con, code)
    context = build_context(con, place)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{place.code}-{_slug(place.name)}"
    html_path = out / f"{stem}.html"
    pdf_path = out / f"{stem}.pdf"
    _write_text(html_path, render_html({**context, "compact": False}))
    executable = find_chromium(chromium)
    if executable is None:
        tried = chromium or os.environ.get(CHROMIUM_ENV) or ", ".join(CHROMIUM_NAMES)
        raise ChromiumMissing(
            f"placeindex profile: no Chromium found to print the PDF (looked for {tried}). "
            f"The HTML profile was written: {html_path} (open it in a browser and print it, "
            "or install Chromium, e.g. `sudo apt-get install chromium` on Debian and Ubuntu, "
            f"and run the command again; {CHROMIUM_ENV} names a Chromium elsewhere).",
            html_path,
        )
    print_pdf(html_path, pdf_path, executable)
    pages = pdf_page_count(pdf_path.read_bytes())
    if pages is not None and pages > MAX_PAGES:
        # A long place name or source list ran onto a third page: the denser layout fits it.
        _write_text(html_path, render_html({**context, "compact": True}))
        print_pdf(html_path, pdf_path, executable)
        pages = pdf_page_count(pdf_path.read_bytes())
        if pages is not None and pages > MAX_PAGES:
            log.warning("%s has %d pages, more than the %d intended", pdf_path, pages, MAX_PAGES)
    log.info("wrote %s and %s", html_path, pdf_path)
    return html_path, pdf_path


# ---------------------------------------------------------------------------------------------
# The `placeindex profile` command.
# ---------------------------------------------------------------------------------------------


def add_profile_command(subparsers) -> argparse.ArgumentParser:
    profile = subparsers.add_parser(
        "profile",
        help="write a printable profile (HTML and PDF) of a ward, district or neighbourhood",
        description=(
            "Write a one- or two-page A4 profile of a ward (May 2024, E05…/W05…), a district "
            "(May 2024, E06…-E09…/W06…) or a neighbourhood (LSOA 2021, E01…/W01…): the place "
            "beside its district and England, with sources and licences. The PDF is printed by "
            f"headless Chromium (found on the PATH, or ${CHROMIUM_ENV})."
        ),
    )
    profile.add_argument("code", help="the GSS code of the ward, district or LSOA")
    profile.add_argument("--out", default=None, help="folder to write to (default: DATA/profiles)")
    return profile


def run_profile(settings: Settings, code: str, output_dir: Path | str | None = None) -> int:
    import duckdb

    if not settings.published_db.exists():
        print(
            f"placeindex: no published warehouse at {settings.published_db}; "
            "run `placeindex refresh` first",
            file=sys.stderr,
        )
        return EXIT_FAILED
    out = Path(output_dir) if output_dir else settings.home / "profiles"
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        html_path, pdf_path = write_profile(con, code, out)
    except ProfileError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    print(f"  {html_path}\n  {pdf_path}")
    return EXIT_OK
