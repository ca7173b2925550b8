"""Every SQL statement the dashboard runs against the published warehouse, grouped by the page or
loader that uses it.

When a mart renames a column, this is the one file to fix. Geography names are read from
`marts.dim_lsoa21` and `marts.where_pressures_coincide`; the other marts are joined to them by code.
Statements return the column names the pages use, so a page never sees a warehouse column name that
this file did not choose.
"""

from __future__ import annotations

ENGLAND = "E92000001"

# --- every page: which warehouse, and is it synthetic (data/build.json) -----------------------

LATEST_RUN = """
select run_id, published_at, source_mode
from meta.refresh_runs
order by published_at desc
limit 1
"""

SOURCE_FILE_COUNTS = """
select
    count(*) as source_files,
    count(*) filter (where synthetic) as synthetic_files
from meta.source_files
"""

# --- district pages' routes and search entries (observablehq.config.js) ----------------------

DISTRICT_PAGES = f"""
select lad24_code as code, any_value(lad24_name) as name, any_value(rgn_name) as region
from marts.dim_lsoa21
where ctry_code = '{ENGLAND}' and lad24_code is not null
group by lad24_code
order by code
"""

# --- England overview and district index (data/districts.json, data/overview.json) -----------

# One row per English district (May 2024), with every headline indicator the overview can map.
DISTRICT_INDICATORS = f"""
with

districts as (
    select
        lad24_code as code,
        any_value(lad24_name) as name,
        any_value(rgn_name) as region,
        count(*) as lsoa_count
    from marts.dim_lsoa21
    where ctry_code = '{ENGLAND}' and lad24_code is not null
    group by lad24_code
),

iod as (
    select
        lad24_code as code,
        100 * imd2025_most_deprived_10pct_share as imd2025_most_deprived_10pct_pct,
        imd2025_most_deprived_10pct_share_rank as imd2025_most_deprived_10pct_rank,
        100 * imd2019_most_deprived_10pct_share as imd2019_most_deprived_10pct_pct,
        most_deprived_10pct_change_2019_2025_pp as imd_most_deprived_10pct_change_pp
    from marts.lad24_iod2025_summaries
),

coincide as (
    select
        area_code as code,
        usual_residents,
        pressures_faced,
        pressures_faced_names,
        lsoas_with_3plus_pressures,
        residents_with_3plus_pressures_pct,
        pressured_and_under_served_lsoas,
        national_funder_grants_per_head_gbp
    from marts.where_pressures_coincide
    where area_level = 'lad24'
),

composite as (
    select
        geography.lad24_code as code,
        100 * avg(case when pressures.composite_decile = 1 then 1.0 else 0.0 end)
            as composite_worst_decile_pct
    from marts.fct_lsoa21_pressures as pressures
    inner join marts.dim_lsoa21 as geography on pressures.lsoa21_code = geography.lsoa21_code
    where pressures.composite_decile is not null
    group by geography.lad24_code
),

rollup as (
    select
        lad_code as code,
        private_rented_pct,
        social_rented_pct,
        moved_in_last_year_per_1k,
        social_infrastructure_score_mean,
        nearest_open_library_km
    from marts.lad_indicators
    where lad_vintage = 'current'
)

select
    districts.code,
    districts.name,
    districts.region,
    districts.lsoa_count,
    coincide.usual_residents,
    iod.imd2025_most_deprived_10pct_pct,
    iod.imd2025_most_deprived_10pct_rank,
    iod.imd2019_most_deprived_10pct_pct,
    iod.imd_most_deprived_10pct_change_pp,
    composite.composite_worst_decile_pct,
    coincide.pressures_faced,
    coincide.pressures_faced_names,
    coincide.lsoas_with_3plus_pressures,
    coincide.residents_with_3plus_pressures_pct,
    coincide.pressured_and_under_served_lsoas,
    coincide.national_funder_grants_per_head_gbp,
    rollup.private_rented_pct,
    rollup.social_rented_pct,
    rollup.moved_in_last_year_per_1k,
    rollup.social_infrastructure_score_mean,
    rollup.nearest_open_library_km
from districts
left join iod on districts.code = iod.code
left join coincide on districts.code = coincide.code
left join composite on districts.code = composite.code
left join rollup on districts.code = rollup.code
order by districts.name
"""

DISTRICT_BOUNDARIES = f"""
select boundaries.lad24_code as code, boundaries.geometry_geojson as geometry
from staging.stg_ons__lad24_boundaries as boundaries
where boundaries.lad24_code in (
    select lad24_code from marts.dim_lsoa21 where ctry_code = '{ENGLAND}'
)
order by code
"""

# England's Westminster constituencies (July 2024) with their turnout, for the democracy map.
CONSTITUENCY_TURNOUT = """
select
    turnout.pcon24_code as code,
    turnout.pcon24_name as name,
    turnout.turnout_2024_pct,
    turnout.turnout_2019_notional_pct,
    turnout.turnout_change_pp,
    boundaries.geometry_geojson as geometry
from marts.pcon24_turnout as turnout
inner join staging.stg_ons__pcon24_boundaries as boundaries
    on turnout.pcon24_code = boundaries.pcon24_code
where turnout.ctry_name = 'England'
order by code
"""

# England's LSOAs in the worst fifth (decile 1 or 2) of each pressure, and of several at once.
PRESSURE_COUNTS = f"""
select
    count(*) filter (where composite_decile is not null) as ranked_lsoas,
    count(*) filter (where poverty_decile <= 2) as poverty,
    count(*) filter (where transience_decile <= 2) as transience,
    count(*) filter (where fragmentation_decile <= 2) as fragmentation,
    count(*) filter (where isolation_decile <= 2) as isolation,
    count(*) filter (where democracy_decile <= 2) as democracy
from marts.fct_lsoa21_pressures
where lsoa21_code in (select lsoa21_code from marts.dim_lsoa21 where ctry_code = '{ENGLAND}')
"""

PRESSURES_COINCIDING = f"""
select pressures_in_worst_quintile as pressures, count(*) as lsoas
from marts.fct_lsoa21_pressures
where
    composite_decile is not null
    and lsoa21_code in (select lsoa21_code from marts.dim_lsoa21 where ctry_code = '{ENGLAND}')
group by pressures_in_worst_quintile
order by pressures
"""

# How often two pressures fall on the same neighbourhood (both in England's worst fifth).
PRESSURE_PAIRS = f"""
with deciles as (
    unpivot (
        select
            lsoa21_code,
            poverty_decile as poverty,
            transience_decile as transience,
            fragmentation_decile as fragmentation,
            isolation_decile as isolation,
            democracy_decile as democracy
        from marts.fct_lsoa21_pressures
        where lsoa21_code in (
            select lsoa21_code from marts.dim_lsoa21 where ctry_code = '{ENGLAND}'
        )
    )
    on poverty, transience, fragmentation, isolation, democracy
    into name pressure value decile
)
select a.pressure as a, b.pressure as b, count(*) as lsoas
from deciles as a
inner join deciles as b on a.lsoa21_code = b.lsoa21_code
where a.decile <= 2 and b.decile <= 2
group by a.pressure, b.pressure
"""

# Wards and districts facing three or more pressures, and England's own row.
AREAS_WITH_3PLUS = """
select
    area_level,
    count(*) as areas,
    count(*) filter (where pressures_faced >= 3) as areas_with_3plus,
    sum(lsoas_with_3plus_pressures) as lsoas_with_3plus_pressures,
    sum(pressured_and_under_served_lsoas) as pressured_and_under_served_lsoas
from marts.where_pressures_coincide
where area_level in ('ward24', 'lad24', 'ctry')
group by area_level
"""

ENGLAND_3PLUS = """
select lsoa_count, usual_residents, lsoas_with_3plus_pressures,
    residents_with_3plus_pressures_pct, pressured_and_under_served_lsoas,
    national_funder_grants_per_head_gbp
from marts.where_pressures_coincide
where area_level = 'ctry'
"""

# IoD 2019 -> 2025: how many England LSOAs moved how many deciles (positive = less deprived).
IMD_DECILE_CHANGE = f"""
select imd_decile_change_2019_2025 as change, count(*) as lsoas
from marts.fct_lsoa21_deprivation
where
    imd_decile_change_2019_2025 is not null
    and lsoa21_code in (select lsoa21_code from marts.dim_lsoa21 where ctry_code = '{ENGLAND}')
group by imd_decile_change_2019_2025
order by change
"""

# --- district pages (data/districts.zip: one JSON per district) -------------------------------

WARDS = f"""
with

wards as (
    select
        ward24_code as code,
        any_value(ward24_name) as name,
        any_value(lad24_code) as district,
        count(*) as lsoa_count
    from marts.dim_lsoa21
    where ctry_code = '{ENGLAND}' and ward24_code is not null
    group by ward24_code
),

coincide as (
    select
        area_code as code,
        usual_residents,
        pressures_faced,
        pressures_faced_names,
        lsoas_with_3plus_pressures,
        residents_with_3plus_pressures_pct,
        pressured_and_under_served_lsoas,
        national_funder_grants_per_head_gbp
    from marts.where_pressures_coincide
    where area_level = 'ward24'
),

indicators as (
    select
        ward24_code as code,
        100 * imd2025_decile_1_share as imd2025_decile_1_pct,
        private_rented_pct,
        social_rented_pct,
        moved_in_last_year_per_1k,
        social_infrastructure_score_mean,
        nearest_open_library_km
    from marts.ward24_indicators
),

boundaries as (
    select ward23_code as code from staging.stg_ons__ward23_boundaries
)

select
    wards.code,
    wards.name,
    wards.district,
    wards.lsoa_count,
    coincide.usual_residents,
    coincide.pressures_faced,
    coincide.pressures_faced_names,
    coincide.lsoas_with_3plus_pressures,
    coincide.residents_with_3plus_pressures_pct,
    coincide.pressured_and_under_served_lsoas,
    coincide.national_funder_grants_per_head_gbp,
    indicators.imd2025_decile_1_pct,
    indicators.private_rented_pct,
    indicators.social_rented_pct,
    indicators.moved_in_last_year_per_1k,
    indicators.social_infrastructure_score_mean,
    indicators.nearest_open_library_km,
    -- A ward keeps its GSS code only while its boundary is unchanged, so a December 2023 boundary
    -- under the same code is this ward's shape; no match means no boundary, never a neighbour's.
    boundaries.code is not null as has_boundary
from wards
left join coincide on wards.code = coincide.code
left join indicators on wards.code = indicators.code
left join boundaries on wards.code = boundaries.code
order by wards.district, wards.name
"""

NEIGHBOURHOODS = f"""
select
    geography.lsoa21_code as code,
    geography.lsoa21_name as name,
    geography.ward24_code as ward,
    geography.lad24_code as district,
    deprivation.imd2025_rank,
    deprivation.imd2025_decile,
    deprivation.imd2019_decile,
    deprivation.imd_decile_change_2019_2025,
    pressures.composite_rank,
    pressures.composite_decile,
    pressures.poverty_decile,
    pressures.transience_decile,
    pressures.fragmentation_decile,
    pressures.isolation_decile,
    pressures.democracy_decile,
    pressures.pressures_in_worst_quintile,
    pressures.worst_quintile_pressures,
    coincide.social_infrastructure_decile,
    coincide.is_pressured_and_under_served,
    coincide.national_funder_grants_per_head_gbp,
    tenure.households,
    tenure.owned_pct,
    tenure.social_rented_pct,
    tenure.private_rented_pct,
    transience.private_rented_change_pp,
    transience.moved_in_last_year_per_1k,
    transience.usual_residents,
    social.nearest_open_library_km,
    social.nearest_open_library_name,
    social.library_distance_status,
    social.gp_practices,
    social.charities,
    social.social_infrastructure_score
from marts.dim_lsoa21 as geography
left join marts.fct_lsoa21_deprivation as deprivation
    on geography.lsoa21_code = deprivation.lsoa21_code
left join marts.fct_lsoa21_pressures as pressures
    on geography.lsoa21_code = pressures.lsoa21_code
left join marts.where_pressures_coincide as coincide
    on geography.lsoa21_code = coincide.area_code and coincide.area_level = 'lsoa21'
left join marts.fct_lsoa21_housing_tenure as tenure
    on geography.lsoa21_code = tenure.lsoa21_code
left join marts.fct_lsoa21_transience as transience
    on geography.lsoa21_code = transience.lsoa21_code
left join marts.fct_lsoa21_social_infrastructure as social
    on geography.lsoa21_code = social.lsoa21_code
where geography.ctry_code = '{ENGLAND}'
order by geography.lad24_code, deprivation.imd2025_rank nulls last, geography.lsoa21_code
"""

NEIGHBOURHOOD_BOUNDARIES = f"""
select geography.lad24_code as district, boundaries.lsoa21_code as code,
    boundaries.geometry_geojson as geometry
from staging.stg_ons__lsoa21_boundaries as boundaries
inner join marts.dim_lsoa21 as geography on boundaries.lsoa21_code = geography.lsoa21_code
where geography.ctry_code = '{ENGLAND}'
order by district, code
"""

# Only the December 2023 boundaries whose code is a ward (May 2024) of an English district.
WARD_BOUNDARIES = f"""
with wards as (
    select distinct ward24_code, lad24_code
    from marts.dim_lsoa21
    where ctry_code = '{ENGLAND}'
)
select wards.lad24_code as district, boundaries.ward23_code as code,
    boundaries.geometry_geojson as geometry
from staging.stg_ons__ward23_boundaries as boundaries
inner join wards on boundaries.ward23_code = wards.ward24_code
order by district, code
"""

# Grants recorded in each district's files, by funder (all award years).
DISTRICT_GRANTS = """
select
    lad_code as district,
    funder_name as funder,
    min(award_year) as first_year,
    max(award_year) as last_year,
    sum(grants) as grants,
    sum(amount_gbp) as amount_gbp,
    sum(amount_per_head_gbp) as amount_per_head_gbp,
    sum(grants * lsoa_placed_share) / nullif(sum(grants), 0) * 100 as placed_in_lsoa_pct
from marts.fct_lad_funding
group by lad_code, funder_name
order by district, amount_gbp desc nulls last
"""

# --- funding against need, England (data/funding.json) ----------------------------------------

FUNDING_BY_PRESSURE = """
select
    funder_name as funder,
    money_kind,
    grouping,
    group_value,
    lsoa21_count,
    covered_residents,
    grants,
    amount_gbp,
    amount_per_head_gbp,
    placed_amount_pct,
    status
from marts.funding_by_pressure
order by money_kind, funder_name = money_kind desc, funder_name, grouping, group_value
"""

# --- sources & methods (data/sources.json) ----------------------------------------------------

SOURCE_FILES = """
select
    source_id,
    title,
    publisher,
    vintage,
    licence,
    attribution,
    url,
    file_name,
    sha256,
    rows_loaded,
    loaded_at,
    synthetic
from meta.source_files
order by source_id
"""

REFRESH_RUNS = """
select run_id, published_at, source_mode, tables_published, rows_published
from meta.refresh_runs
order by published_at desc
"""
