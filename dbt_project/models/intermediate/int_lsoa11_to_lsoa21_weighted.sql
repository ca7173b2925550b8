{#- One row per LSOA 2011 x LSOA 2021 pair in England, with the weights used to move IoD2019 values
    from the 2011 to the 2021 geography (see the model's YAML for the rule and its limits). -#}
with

pairs as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}

),

population as (

    select * from {{ ref('stg_mhclg__iod2019_population') }}

),

census_shares as (

    select * from {{ ref('int_lsoa11_to_lsoa21_census_weighted') }}

),

english_pairs as (

    select
        lsoa11_code,
        lsoa21_code,
        lsoa21_name,
        lad22_code,
        lad22_name,
        change_indicator,
        count(*) over (partition by lsoa11_code) as lsoa11_part_count
    from pairs
    where lsoa21_code like 'E%'

),

final as (

    select
        english_pairs.lsoa11_code,
        english_pairs.lsoa21_code,
        english_pairs.lsoa21_name,
        english_pairs.lad22_code,
        english_pairs.lad22_name,
        english_pairs.change_indicator,
        {{ lsoa_change_method('english_pairs.change_indicator') }} as geography_method,
        english_pairs.lsoa11_part_count,
        -- A 2011 LSOA's counts go to its 2021 parts in proportion to the parts' Census 2021
        -- residents (the only population published on the new areas).
        census_shares.lsoa11_share as count_share,
        population.population_total_count as lsoa11_population_total_count,
        population.population_total_count * census_shares.lsoa11_share as population_weight
    from english_pairs
    left join population on english_pairs.lsoa11_code = population.lsoa11_code
    left join census_shares
        on english_pairs.lsoa11_code = census_shares.lsoa11_code
        and english_pairs.lsoa21_code = census_shares.lsoa21_code

)

select * from final
