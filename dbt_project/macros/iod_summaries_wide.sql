{#- int_iod2019_area_summaries for one area level, wide: `<index>_<measure>` and `<index>_<measure>_rank`
    per index, rounded as MHCLG publishes File 10/11 (average rank and local concentration 2 dp,
    proportion and extent 4 dp, average score 3 dp, scale a whole number of people). -#}
{% macro iod_summaries_wide(area_level) -%}
    {%- set indices = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers',
        'living_environment', 'idaci', 'idaopi'] -%}
    {%- set measures = [('average_rank', 2), ('average_score', 3),
        ('most_deprived_10pct_share', 4), ('extent', 4), ('local_concentration', 2)] -%}
    select
        area_code,
        max(lsoa_count) as lsoa_count,
        cast(max(population) as bigint) as population,
        {%- for index in ['income', 'employment'] %}
        cast(max(case when index_name = '{{ index }}' then scale end) as bigint)
            as {{ index }}_scale,
        max(case when index_name = '{{ index }}' then scale_rank end) as {{ index }}_scale_rank,
        {%- endfor %}
        {%- for index in indices %}
        {%- set last_index = loop.last %}
        {%- for measure, places in measures %}
        round(max(case when index_name = '{{ index }}' then {{ measure }} end), {{ places }})
            as {{ index }}_{{ measure }},
        max(case when index_name = '{{ index }}' then {{ measure }}_rank end)
            as {{ index }}_{{ measure }}_rank{{ ',' if not (loop.last and last_index) }}
        {%- endfor %}
        {%- endfor %}
    from {{ ref('int_iod2019_area_summaries') }}
    where area_level = '{{ area_level }}'
    group by area_code
{%- endmacro %}
