{#- The five pressures per LSOA 2021 and the open composite: the pressures' exponentially
    transformed ranks (int_lsoa21_pressures) combined with equal weights, as the IoD combines its
    transformed domains with weights (IoD2019 Technical Report, section 3.8). The research names
    five pressures and no order of importance among them, so none is weighted above another; the
    sensitivity test (pressures_sensitivity) shows how much the answer depends on that choice. -#}
{%- set pressures = pressure_indicators() | map(attribute='pressure') | unique | list %}
with

lsoas as (

    select * from {{ ref('dim_lsoa21') }}

),

pressures as (

    select * from {{ ref('int_lsoa21_pressures') }}

),

wide as (

    select
        lsoa21_code,
        {%- for pressure in pressures %}
        {%- for measure in ['score', 'rank', 'decile', 'transformed'] %}
        max(case when pressure = '{{ pressure }}' then pressure_{{ measure }} end)
            as {{ pressure }}_{{ measure }},
        {%- endfor %}
        max(case when pressure = '{{ pressure }}' then indicators_used end)
            as {{ pressure }}_indicators_used,
        {%- endfor %}
        count(*) as pressures_measured
    from pressures
    group by lsoa21_code

),

composite as (

    select
        lsoa21_code,
        {{ pressure_composite(pressures) }} as composite_score
    from wide
    -- Only where every pressure is measured: a partial composite would rank on fewer pressures.
    where pressures_measured = {{ pressures | length }}

),

composite_ranked as (

    select
        *,
        row_number() over (order by composite_score desc, lsoa21_code asc) as composite_rank,
        count(*) over () as lsoas_ranked
    from composite

),

final as (

    select
        lsoas.lsoa21_code,
        lsoas.lsoa21_name,
        lsoas.ward24_code,
        lsoas.ward24_name,
        lsoas.lad23_code,
        lsoas.lad23_name,
        lsoas.lad24_code,
        lsoas.lad24_name,
        lsoas.ctry_name,
        {%- for pressure in pressures %}
        wide.{{ pressure }}_score,
        wide.{{ pressure }}_rank,
        wide.{{ pressure }}_decile,
        wide.{{ pressure }}_indicators_used,
        {%- endfor %}
        composite_ranked.composite_score,
        cast(composite_ranked.composite_rank as integer) as composite_rank,
        {{ rank_to_decile('composite_ranked.composite_rank', 'composite_ranked.lsoas_ranked') }}
            as composite_decile,
        case
            when composite_ranked.composite_rank is not null then 'ranked'
            else 'not_ranked'
        end as composite_status,
        cast(
            {%- for pressure in pressures %}
            coalesce((wide.{{ pressure }}_decile <= 2)::int, 0){{ ' +' if not loop.last }}
            {%- endfor %}
            as integer
        ) as pressures_in_worst_quintile,
        nullif(concat_ws(
            ', ',
            {%- for pressure in pressures %}
            case when wide.{{ pressure }}_decile <= 2 then '{{ pressure }}' end
            {{- ',' if not loop.last }}
            {%- endfor %}
        ), '') as worst_quintile_pressures
    from lsoas
    left join wide on lsoas.lsoa21_code = wide.lsoa21_code
    left join composite_ranked on lsoas.lsoa21_code = composite_ranked.lsoa21_code

)

select * from final
