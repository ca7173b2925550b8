{#- Every small area of the UK with its own nation's deprivation rank and decile beside mySociety's
    composite UK index. Each nation's index ranks only its own areas, so own-nation ranks and
    deciles compare areas within a nation; the composite ones compare across the UK. -#}
with

england as (

    select * from {{ ref('stg_mhclg__iod2019_imd') }}

),

wales as (

    select * from {{ ref('stg_welsh_gov__wimd2019_scores') }}

),

scotland as (

    select * from {{ ref('stg_scot_gov__simd2020v2_ranks') }}

),

northern_ireland as (

    select * from {{ ref('stg_nisra__nimdm2017_soa') }}

),

composite as (

    select * from {{ ref('stg_mysociety__uk_imd_e') }}

),

own_nation as (

    select
        'England' as nation,
        'E92000001' as nation_code,
        lsoa11_code as area_code,
        lsoa11_name as area_name,
        lad19_name as local_authority_name,
        'LSOA 2011' as area_type_vintage,
        'IMD 2019' as index_name,
        imd2019_rank as own_nation_rank,
        imd2019_decile as published_decile,
        true as is_own_nation_rank_published,
        'mhclg__iod2019_file1' as own_nation_source_id
    from england

    union all

    -- The Welsh file publishes scores (one decimal place), not ranks: rank 1 + the number of Welsh
    -- LSOAs with a higher score, so tied scores share a rank (as fct_wales_lsoa21_deprivation).
    select
        'Wales' as nation,
        'W92000004' as nation_code,
        lsoa11_code as area_code,
        lsoa11_name as area_name,
        lad19_name as local_authority_name,
        'LSOA 2011' as area_type_vintage,
        'WIMD 2019' as index_name,
        cast(rank() over (order by wimd2019_score desc) as integer) as own_nation_rank,
        null as published_decile,
        false as is_own_nation_rank_published,
        'welsh_gov__wimd2019_scores' as own_nation_source_id
    from wales

    union all

    select
        'Scotland' as nation,
        'S92000003' as nation_code,
        datazone11_code as area_code,
        -- Data zones have no names of their own; they are known by their intermediate zone.
        intermediate_zone11_name as area_name,
        council_area_name as local_authority_name,
        'Data Zone 2011' as area_type_vintage,
        'SIMD 2020v2' as index_name,
        simd2020v2_rank as own_nation_rank,
        null as published_decile,
        true as is_own_nation_rank_published,
        'scot_gov__simd2020v2_ranks' as own_nation_source_id
    from scotland

    union all

    select
        'Northern Ireland' as nation,
        'N92000002' as nation_code,
        soa01_code as area_code,
        soa01_name as area_name,
        lgd14_name as local_authority_name,
        'SOA 2001' as area_type_vintage,
        'NIMDM 2017' as index_name,
        nimdm2017_rank as own_nation_rank,
        null as published_decile,
        true as is_own_nation_rank_published,
        'nisra__nimdm2017_soa' as own_nation_source_id
    from northern_ireland

),

counted as (

    select
        *,
        cast(count(*) over (partition by nation) as integer) as own_nation_area_count
    from own_nation

),

final as (

    select
        counted.nation,
        counted.nation_code,
        counted.area_code,
        counted.area_name,
        counted.local_authority_name,
        counted.area_type_vintage,
        counted.index_name,
        counted.own_nation_rank,
        -- England publishes its deciles; the other nations' files hold ranks only, so their
        -- deciles are cut on each nation's count of areas as the publishers cut them.
        coalesce(
            cast(counted.published_decile as integer),
            {{ rank_to_decile('counted.own_nation_rank', 'counted.own_nation_area_count') }}
        ) as own_nation_decile,
        counted.own_nation_area_count,
        counted.is_own_nation_rank_published,
        counted.published_decile is not null as is_own_nation_decile_published,
        counted.own_nation_source_id,
        composite.uk_imd_e_score as uk_composite_score,
        composite.uk_imd_e_rank as uk_composite_rank,
        composite.uk_imd_e_population_decile as uk_composite_population_decile,
        composite.uk_imd_e_population_quintile as uk_composite_population_quintile
    from counted
    left join composite on counted.area_code = composite.small_area_code

)

select * from final
