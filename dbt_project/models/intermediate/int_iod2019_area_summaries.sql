{#- The IoD2019 summary measures (macro iod_summary_measures) for local authority districts of
    2019 and for today's upper-tier authorities, for the IMD, its seven domains and the two
    supplementary indices, long: one row per area level, area and index, each measure with its
    rank among the areas of the level (1 = most deprived; ties share the best rank).

    Scores come from File 7 (stg_mhclg__iod2019_scores, optional: a local folder may hold part of
    it, as the shared Warrington subset). The IMD score of an LSOA File 7 does not cover is rebuilt
    from File 9 and rounded to the 3 dp File 7 publishes (within 0.001 of it), so the IMD average
    score covers every area. A domain's average score, and the income and employment scale (the
    number of people income or employment deprived: rate x File 6 denominator, summed), need File
    7 for every LSOA of the area, and are null otherwise. -#}
{% set indices = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers',
    'living_environment', 'idaci', 'idaopi'] %}
{#- The population each index is a rate of: its summaries are weighted by it. -#}
{% set weights = {'employment': 'population_working_age_count', 'idaci': 'population_aged_0_15_count',
    'idaopi': 'population_aged_60_plus_count'} %}
{% set scores = {'imd': 'imd2019_score', 'income': 'income2019_rate',
    'employment': 'employment2019_rate', 'education': 'education2019_score',
    'health': 'health2019_score', 'crime': 'crime2019_score', 'barriers': 'barriers2019_score',
    'living_environment': 'living_environment2019_score', 'idaci': 'idaci2019_rate',
    'idaopi': 'idaopi2019_rate'} %}
with

lsoas as (

    select
        joined.*,
        coalesce(published.imd2019_score, round(joined.imd2019_score_rebuilt, 3)) as imd_score,
        {%- for index in indices if index != 'imd' %}
        published.{{ scores[index] }} as {{ index }}_score{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('int_lsoa11_deprivation_joined') }} as joined
    left join {{ ref('stg_mhclg__iod2019_scores') }} as published using (lsoa11_code)

),

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

by_level as (

    select
        levels.area_level,
        levels.area_code,
        lsoas.population_total_count as population,
        lsoas.population_working_age_count as working_age_population,
        {%- for index in indices %}
        lsoas.{{ index }}_score,
        lsoas.{{ weights.get(index, 'population_total_count') }} as {{ index }}_weight,
        lsoas.{{ index }}2019_rank as {{ index }}_rank,
        lsoas.{{ index }}2019_decile as {{ index }}_decile{{ ',' if not loop.last }}
        {%- endfor %}
    from lsoas
    left join local_authorities on lsoas.lad19_code = local_authorities.lad_code
    cross join lateral (
        select 'lad19' as area_level, lsoas.lad19_code as area_code
        union all
        select 'utla' as area_level, local_authorities.utla_code as area_code
    ) as levels

),

lad19_lsoas as (

    select * exclude (area_level) from by_level where area_level = 'lad19'

),

utla_lsoas as (

    select * exclude (area_level) from by_level where area_level = 'utla'

),

measures as (

    select 'lad19' as area_level, *
    from ({{ iod_summary_measures('lad19_lsoas', indices, '(select count(*) from lsoas)') }})
    union all
    select 'utla' as area_level, *
    from ({{ iod_summary_measures('utla_lsoas', indices, '(select count(*) from lsoas)') }})

),

scores as (

    {%- for index in indices %}
    select
        area_level,
        area_code,
        '{{ index }}' as index_name,
        case when count({{ index }}_score) = count(*) then
            sum({{ index }}_score * {{ index }}_weight) / sum({{ index }}_weight)
        end as average_score,
        {%- if index == 'income' %}
        case when count(income_score) = count(*) then
            round(sum(income_score * population))
        end as scale
        {%- elif index == 'employment' %}
        case when count(employment_score) = count(*) then
            round(sum(employment_score * working_age_population))
        end as scale
        {%- else %}
        null::double as scale
        {%- endif %}
    from by_level
    group by area_level, area_code
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        measures.*,
        scores.average_score,
        scores.scale,
        {%- for measure in ['average_rank', 'most_deprived_10pct_share', 'extent',
            'local_concentration', 'average_score', 'scale'] %}
        {%- set column = ('scores.' if measure in ('average_score', 'scale') else 'measures.')
            ~ measure %}
        -- Ranked only when every area of the level has the measure: a rank among the few
        -- areas a partial File 7 covers would not be the published one.
        case when count({{ column }}) over level_index = count(*) over level_index
            then rank() over (level_index order by {{ column }} desc)
        end as {{ measure }}_rank{{ ',' if not loop.last }}
        {%- endfor %}
    from measures
    left join scores
        on measures.area_level = scores.area_level
        and measures.area_code = scores.area_code
        and measures.index_name = scores.index_name
    window level_index as (partition by measures.area_level, measures.index_name)

)

select * from final
