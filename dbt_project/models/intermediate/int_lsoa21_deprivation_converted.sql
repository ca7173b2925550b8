{#- IoD2019 moved from LSOA 2011 to LSOA 2021, one row per English LSOA 2021. The rule per change
    indicator is documented in the YAML; in short: unchanged and split LSOAs inherit every published
    value; merged and complex ones get population-weighted scores, summed counts and ranks re-derived
    by placing the converted score in the published 2011 distribution. -#}
with

weights as (

    select * from {{ ref('int_lsoa11_to_lsoa21_weighted') }}

),

lsoa11 as (

    select * from {{ ref('int_lsoa11_deprivation_joined') }}

),

{% set scores = [
    'income2019_transformed_score', 'employment2019_transformed_score',
    'education2019_transformed_score', 'health2019_transformed_score',
    'crime2019_transformed_score', 'barriers2019_transformed_score',
    'living_environment2019_transformed_score', 'imd2019_score_rebuilt'] %}
{% set counts = [
    'population_total_count', 'population_aged_0_15_count', 'population_aged_16_59_count',
    'population_aged_60_plus_count', 'population_working_age_count'] %}
{% set inherited = [
    'imd2019_rank', 'income2019_rank', 'employment2019_rank', 'education2019_rank',
    'health2019_rank', 'crime2019_rank', 'barriers2019_rank', 'living_environment2019_rank',
    'idaci2019_rank', 'idaopi2019_rank'] %}

aggregated as (

    select
        weights.lsoa21_code,
        any_value(weights.lsoa21_name) as lsoa21_name,
        any_value(weights.lad22_code) as lad22_code,
        any_value(weights.lad22_name) as lad22_name,
        any_value(weights.geography_method) as geography_method,
        count(*) as lsoa11_source_count,
        string_agg(weights.lsoa11_code, ';' order by weights.lsoa11_code) as lsoa11_codes,
        {%- for score in scores %}
        -- A single parent passes its value through untouched (no floating-point round trip).
        case
            when count(*) = 1 then max(lsoa11.{{ score }})
            else sum(weights.population_weight * lsoa11.{{ score }})
                / sum(weights.population_weight)
        end as {{ score }},
        {%- endfor %}
        {%- for count in counts %}
        sum(weights.count_share * lsoa11.{{ count }}) as {{ count }},
        {%- endfor %}
        {%- for rank in inherited %}
        -- one parent for unchanged and split LSOAs, so max() is that parent's published rank
        max(lsoa11.{{ rank }}) as published_{{ rank }}{{ "," if not loop.last }}
        {%- endfor %}
    from weights
    inner join lsoa11 on weights.lsoa11_code = lsoa11.lsoa11_code
    group by weights.lsoa21_code

),

{% set ranked = [
    ('imd2019_rank', 'imd2019_score_rebuilt'),
    ('income2019_rank', 'income2019_transformed_score'),
    ('employment2019_rank', 'employment2019_transformed_score'),
    ('education2019_rank', 'education2019_transformed_score'),
    ('health2019_rank', 'health2019_transformed_score'),
    ('crime2019_rank', 'crime2019_transformed_score'),
    ('barriers2019_rank', 'barriers2019_transformed_score'),
    ('living_environment2019_rank', 'living_environment2019_transformed_score')] %}

reranked as (

    -- Merged and complex LSOAs only (a few hundred): each converted score is placed among the
    -- 32,844 published 2011 LSOAs, rank = 1 + the number of LSOAs more deprived.
    select
        aggregated.lsoa21_code,
        {%- for rank, score in ranked %}
        1 + count(*) filter (where lsoa11.{{ score }} > aggregated.{{ score }}) as {{ rank }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from aggregated
    cross join lsoa11
    where aggregated.geography_method in ('merged', 'complex')
    group by aggregated.lsoa21_code

),

final as (

    select
        aggregated.lsoa21_code,
        aggregated.lsoa21_name,
        aggregated.lad22_code,
        aggregated.lad22_name,
        aggregated.geography_method,
        aggregated.lsoa11_source_count,
        aggregated.lsoa11_codes,
        {%- for rank, score in ranked %}
        cast(coalesce(reranked.{{ rank }}, aggregated.published_{{ rank }}) as integer)
            as {{ rank }},
        {%- endfor %}
        -- IDACI and IDAOPI are published as ranks only (no scores in the files loaded), and ranks
        -- are never averaged, so merged and complex LSOAs have none.
        case
            when aggregated.geography_method in ('unchanged', 'split')
                then aggregated.published_idaci2019_rank
        end as idaci2019_rank,
        case
            when aggregated.geography_method in ('unchanged', 'split')
                then aggregated.published_idaopi2019_rank
        end as idaopi2019_rank,
        {%- for score in scores %}
        aggregated.{{ score }},
        {%- endfor %}
        {%- for count in counts %}
        aggregated.{{ count }}{{ "," if not loop.last }}
        {%- endfor %}
    from aggregated
    left join reranked on aggregated.lsoa21_code = reranked.lsoa21_code

),

{% set ranks = ['imd2019', 'income2019', 'employment2019', 'education2019', 'health2019',
                'crime2019', 'barriers2019', 'living_environment2019', 'idaci2019', 'idaopi2019'] %}

with_deciles as (

    -- Deciles are cut on the number of LSOAs ranked (32,844 for IoD2019), as published.
    select
        final.*,
        {%- for name in ranks %}
        {{ rank_to_decile('final.' ~ name ~ '_rank', '(select count(*) from lsoa11)') }}
            as {{ name }}_decile{{ "," if not loop.last }}
        {%- endfor %}
    from final

)

select * from with_deciles
