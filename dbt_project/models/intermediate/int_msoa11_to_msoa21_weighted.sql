{#- One row per MSOA 2011 x MSOA 2021 pair, built from the LSOA pairs: the share of the 2011 MSOA's
    people in the 2021 MSOA, and how the MSOA changed. Each 2011 LSOA counts with its mid-2019
    population (the newest estimate on 2011 LSOAs), split between its 2021 parts by their Census 2021
    residents (int_lsoa11_to_lsoa21_census_weighted); the pair's share is the part of the 2011 MSOA's
    mid-2019 population that went to the 2021 MSOA. -#}
with

lsoa_pairs as (

    select * from {{ ref('int_lsoa11_to_lsoa21_census_weighted') }}

),

lsoa11_msoa11 as (

    select * from {{ ref('int_lsoa11_msoa11') }}

),

lsoa21_msoa21 as (

    select * from {{ ref('int_lsoa21_msoa21') }}

),

population_2019 as (

    select small_area_code as lsoa11_code, population_mid2019
    from {{ ref('stg_mysociety__population_2019') }}
    where small_area_type = 'lsoa11'

),

msoa_pairs as (

    select
        lsoa11_msoa11.msoa11_code,
        lsoa21_msoa21.msoa21_code,
        sum(lsoa_pairs.lsoa11_share * coalesce(population_2019.population_mid2019, 0))
            as population_mid2019_moved,
        count(*) as lsoa_pair_count
    from lsoa_pairs
    inner join lsoa11_msoa11 on lsoa_pairs.lsoa11_code = lsoa11_msoa11.lsoa11_code
    inner join lsoa21_msoa21 on lsoa_pairs.lsoa21_code = lsoa21_msoa21.lsoa21_code
    left join population_2019 on lsoa_pairs.lsoa11_code = population_2019.lsoa11_code
    group by lsoa11_msoa11.msoa11_code, lsoa21_msoa21.msoa21_code

),

counted as (

    select
        *,
        count(*) over (partition by msoa11_code) as msoa21_per_msoa11,
        count(*) over (partition by msoa21_code) as msoa11_per_msoa21,
        sum(population_mid2019_moved) over (partition by msoa11_code) as msoa11_population_mid2019
    from msoa_pairs

),

final as (

    select
        msoa11_code,
        msoa21_code,
        case
            when msoa21_per_msoa11 = 1 and msoa11_per_msoa21 = 1 then 'unchanged'
            when msoa21_per_msoa11 > 1 and msoa11_per_msoa21 = 1 then 'split'
            when msoa21_per_msoa11 = 1 and msoa11_per_msoa21 > 1 then 'merged'
            else 'complex'
        end as msoa_change_method,
        lsoa_pair_count,
        population_mid2019_moved,
        case
            when msoa21_per_msoa11 = 1 then 1.0
            when msoa11_population_mid2019 > 0
                then population_mid2019_moved / msoa11_population_mid2019
            else 1.0 / msoa21_per_msoa11
        end as msoa11_share
    from counted

)

select * from final
