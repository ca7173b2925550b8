{#- WIMD 2019 moved from LSOA 2011 to LSOA 2021 in Wales, the way int_lsoa21_deprivation_converted
    moves IoD2019 in England: unchanged and split LSOAs inherit the 2011 values; merged and complex
    ones get population-weighted scores and a rank re-derived among the 2011 LSOAs. The rule and
    its limits are in the YAML. -#}
with

pairs as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}
    where lsoa21_code like 'W%'

),

census_shares as (

    select * from {{ ref('int_lsoa11_to_lsoa21_census_weighted') }}

),

population as (

    select
        small_area_code as lsoa11_code,
        population_mid2019
    from {{ ref('stg_mysociety__population_2019') }}

),

wimd as (

    select * from {{ ref('stg_welsh_gov__wimd2019_scores') }}

),

{% set scores = [
    'wimd2019_score', 'wimd2019_income_score', 'wimd2019_employment_score',
    'wimd2019_health_score', 'wimd2019_education_score', 'wimd2019_access_to_services_score',
    'wimd2019_housing_score', 'wimd2019_community_safety_score',
    'wimd2019_physical_environment_score'] %}

weighted_pairs as (

    select
        pairs.lsoa11_code,
        pairs.lsoa21_code,
        pairs.lsoa21_name,
        pairs.lad22_code,
        pairs.lad22_name,
        pairs.change_indicator,
        -- A 2011 LSOA's people go to its 2021 parts in proportion to the parts' Census 2021
        -- residents, as in England; England weights by IoD2019's mid-2015 population, which has
        -- no Welsh equivalent here, so Wales uses the mid-2019 estimates.
        census_shares.lsoa11_share as count_share,
        population.population_mid2019 * census_shares.lsoa11_share as population_weight,
        population.population_mid2019
    from pairs
    left join census_shares
        on pairs.lsoa11_code = census_shares.lsoa11_code
        and pairs.lsoa21_code = census_shares.lsoa21_code
    left join population on pairs.lsoa11_code = population.lsoa11_code

),

aggregated as (

    select
        weighted_pairs.lsoa21_code,
        any_value(weighted_pairs.lsoa21_name) as lsoa21_name,
        any_value(weighted_pairs.lad22_code) as lad22_code,
        any_value(weighted_pairs.lad22_name) as lad22_name,
        any_value(weighted_pairs.change_indicator) as change_indicator,
        count(*) as lsoa11_source_count,
        string_agg(weighted_pairs.lsoa11_code, ';' order by weighted_pairs.lsoa11_code)
            as lsoa11_codes,
        {%- for score in scores %}
        -- A parent missing from WIMD leaves no value (the coverage test fails), rather than a
        -- value from the other parents; a single parent passes its value through untouched.
        case
            when count(wimd.lsoa11_code) < count(*) then null
            when count(*) = 1 then max(wimd.{{ score }})
            else sum(weighted_pairs.population_weight * wimd.{{ score }})
                / sum(weighted_pairs.population_weight)
        end as {{ score }},
        {%- endfor %}
        sum(weighted_pairs.count_share * weighted_pairs.population_mid2019)
            as population_mid2019_count
    from weighted_pairs
    left join wimd on weighted_pairs.lsoa11_code = wimd.lsoa11_code
    group by weighted_pairs.lsoa21_code

),

ranked as (

    -- Every LSOA 2021 is placed among the published 2011 LSOAs: rank = 1 + the number with a
    -- higher score. An unchanged or split LSOA keeps its 2011 score, so this is its 2011 rank
    -- (tied scores sharing one, as in fct_uk_small_area_deprivation); a merged or complex one is
    -- ranked on its converted score, never on an average of ranks.
    select
        aggregated.lsoa21_code,
        case
            when any_value(aggregated.wimd2019_score) is not null
                then 1 + count(*) filter (where wimd.wimd2019_score > aggregated.wimd2019_score)
        end as wimd2019_rank
    from aggregated
    cross join wimd
    group by aggregated.lsoa21_code

),

geography as (

    -- The districts every LSOA-grain mart carries: 2023 (the LSOA spine's) and 2024 (today's).
    select lsoa21_code, lad23_code, lad23_name, lad24_code, lad24_name
    from {{ ref('dim_lsoa21') }}

),

final as (

    select
        aggregated.lsoa21_code,
        aggregated.lsoa21_name,
        geography.lad23_code,
        geography.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        aggregated.change_indicator,
        {{ lsoa_change_method('aggregated.change_indicator') }} as geography_method,
        aggregated.lsoa11_source_count,
        aggregated.lsoa11_codes,
        cast(ranked.wimd2019_rank as integer) as wimd2019_rank,
        -- Deciles are cut on the number of LSOAs ranked (1,909 Welsh LSOAs of 2011).
        {{ rank_to_decile('ranked.wimd2019_rank', '(select count(*) from wimd)') }}
            as wimd2019_decile,
        {%- for score in scores %}
        aggregated.{{ score }},
        {%- endfor %}
        aggregated.population_mid2019_count
    from aggregated
    inner join ranked on aggregated.lsoa21_code = ranked.lsoa21_code
    left join geography on aggregated.lsoa21_code = geography.lsoa21_code

)

select * from final
