{#- The sensitivity runs of the pressures composite, without their LSOA lists. -#}
{%- set pressures = pressure_indicators() | map(attribute='pressure') | unique | list | sort %}
with

runs as (

    select * from {{ ref('int_pressure_sensitivity_runs') }}

),

final as (

    select
        cast(run_id as integer) as run_id,
        variant,
        cast(draw as integer) as draw,
        {%- for pressure in pressures %}
        {{ pressure }}_weight,
        {%- endfor %}
        rank_correlation,
        worst_decile_kept_pct
    from runs

)

select * from final
