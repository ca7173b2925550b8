{#- Every indicator of the five pressures (macro pressure_indicators), long: one row per LSOA 2021
    and indicator that has a value, with its status. -#}
with

{% for entry in pressure_indicators() %}
{{ entry.indicator }} as (

    select
        lsoa21_code,
        '{{ entry.pressure }}' as pressure,
        '{{ entry.indicator }}' as indicator,
        '{{ entry.direction }}' as direction,
        cast({{ entry.column }} as double) as indicator_value,
        {{ entry.status }} as value_status
    from {{ ref(entry.model) }}
    where {{ entry.column }} is not null

),

{% endfor %}
unioned as (

    {% for entry in pressure_indicators() %}
    select * from {{ entry.indicator }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
