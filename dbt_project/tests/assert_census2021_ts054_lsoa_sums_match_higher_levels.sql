{#- LA, region and country totals (when the bulk zip supplied them) against the sums of their LSOAs,
    within the higher-level cell-key tolerance. Districts are matched on the 2022 or the 2023 code,
    whichever the file uses. -#}
with

lsoa as (

    select tenure.total_households, geography.*
    from {{ ref('stg_ons__census2021_ts054_lsoa') }} as tenure
    inner join {{ ref('dim_lsoa21') }} as geography on tenure.lsoa21_code = geography.lsoa21_code

),

lsoa_sums as (

    select 'ltla' as geography_level, lad22_code as area_code, sum(total_households) as households
    from lsoa group by lad22_code
    union
    select 'ltla' as geography_level, lad23_code as area_code, sum(total_households) as households
    from lsoa group by lad23_code
    union
    select 'rgn' as geography_level, rgn_code as area_code, sum(total_households) as households
    from lsoa group by rgn_code
    union
    select 'ctry' as geography_level, ctry_code as area_code, sum(total_households) as households
    from lsoa group by ctry_code

),

published as (

    select 'ltla' as geography_level, ltla21_code as area_code, total_households as households
    from {{ ref('stg_ons__census2021_ts054_ltla') }}
    union all
    select 'rgn' as geography_level, rgn_code as area_code, total_households as households
    from {{ ref('stg_ons__census2021_ts054_rgn') }}
    union all
    select 'ctry' as geography_level, ctry_code as area_code, total_households as households
    from {{ ref('stg_ons__census2021_ts054_ctry') }}

)

select
    published.geography_level,
    published.area_code,
    published.households as published_households,
    lsoa_sums.households as lsoa_sum_households
from published
left join lsoa_sums
    on published.geography_level = lsoa_sums.geography_level
    and published.area_code = lsoa_sums.area_code
where lsoa_sums.households is null
    or abs(lsoa_sums.households - published.households)
        > {{ var('census2021_higher_level_cell_key_tolerance') }}
