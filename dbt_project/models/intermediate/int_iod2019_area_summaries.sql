{#- The IoD2019 summary measures (macro iod_summary_measures) for local authority districts of
    2019 and for today's upper-tier authorities, for the IMD, its seven domains and the two
    supplementary indices, long: one row per area level, area and index, each measure with its
    rank among the areas of the level (1 = most deprived; ties share the best rank). The IMD also
    has its average score: the population-weighted mean of the LSOA IMD scores, rebuilt from
    File 9 (int_lsoa11_deprivation_joined) and rounded to the 3 dp File 5 publishes. -#}
{% set indices = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers',
    'living_environment', 'idaci', 'idaopi'] %}
with

lsoas as (

    select * from {{ ref('int_lsoa11_deprivation_joined') }}

),

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

by_level as (

    select
        'lad19' as area_level,
        lsoas.lad19_code as area_code,
        lsoas.population_total_count as population,
        round(lsoas.imd2019_score_rebuilt, 3) as imd_score,
        {%- for index in indices %}
        lsoas.{{ index }}2019_rank as {{ index }}_rank,
        lsoas.{{ index }}2019_decile as {{ index }}_decile{{ ',' if not loop.last }}
        {%- endfor %}
    from lsoas
    union all
    select
        'utla',
        local_authorities.utla_code,
        lsoas.population_total_count,
        round(lsoas.imd2019_score_rebuilt, 3),
        {%- for index in indices %}
        lsoas.{{ index }}2019_rank,
        lsoas.{{ index }}2019_decile{{ ',' if not loop.last }}
        {%- endfor %}
    from lsoas
    inner join local_authorities on lsoas.lad19_code = local_authorities.lad_code

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

    select area_level, area_code, 'imd' as index_name,
        sum(imd_score * population) / sum(population) as average_score
    from by_level
    group by area_level, area_code

),

final as (

    select
        measures.*,
        scores.average_score,
        {%- for measure in ['average_rank', 'proportion_most_deprived_10pct', 'extent',
            'local_concentration', 'average_score'] %}
        {%- set column = ('scores.' if measure == 'average_score' else 'measures.') ~ measure %}
        case when {{ column }} is not null then rank() over (
            partition by measures.area_level, measures.index_name, {{ column }} is null
            order by {{ column }} desc
        ) end as {{ measure }}_rank{{ ',' if not loop.last }}
        {%- endfor %}
    from measures
    left join scores
        on measures.area_level = scores.area_level
        and measures.area_code = scores.area_code
        and measures.index_name = scores.index_name

)

select * from final
