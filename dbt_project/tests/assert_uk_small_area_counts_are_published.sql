-- One row per small area of the UK, as the publishers count them: 32,844 LSOAs in England, 1,909
-- in Wales, 6,976 data zones in Scotland and 890 super output areas in Northern Ireland (42,619,
-- the rows of mySociety's composite). Synthetic demo files have fewer areas (meta.source_files
-- marks them, and their GX suites skip the publishers' row counts likewise): for them every
-- nation must still be there, with as many rows as its index ranks.
with

published as (

    select counts.nation, counts.published_area_count
    from (
        values
            ('England', 32844),
            ('Wales', 1909),
            ('Scotland', 6976),
            ('Northern Ireland', 890)
    ) as counts (nation, published_area_count)

),

loaded as (

    select coalesce(bool_or(synthetic), false) as is_synthetic
    from meta.source_files
    where source_id in (
        'mhclg__iod2019_file1',
        'welsh_gov__wimd2019_scores',
        'scot_gov__simd2020v2_ranks',
        'nisra__nimdm2017_soa',
        'mysociety__uk_imd_e'
    )

),

observed as (

    select
        nation,
        count(*) as area_count,
        max(own_nation_area_count) as own_nation_area_count
    from {{ ref('fct_uk_small_area_deprivation') }}
    group by nation

),

compared as (

    select
        coalesce(published.nation, observed.nation) as nation,
        published.published_area_count,
        observed.area_count,
        observed.own_nation_area_count
    from published
    full outer join observed on published.nation = observed.nation

)

select compared.*
from compared
cross join loaded
where compared.area_count is null
    or compared.published_area_count is null
    or compared.area_count <> compared.own_nation_area_count
    or (not loaded.is_synthetic and compared.area_count <> compared.published_area_count)
