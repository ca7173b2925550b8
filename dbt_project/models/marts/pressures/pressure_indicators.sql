{#- The list the composite is built from (macro pressure_indicators), as a table users can read:
    which indicator measures which pressure, from where, in what unit, and which way is worse. -#}
with

final as (

    {% for entry in pressure_indicators() %}
    select
        '{{ entry.pressure }}' as pressure,
        '{{ entry.indicator }}' as indicator,
        '{{ entry.direction }}' as direction,
        '{{ entry.unit | replace("'", "''") }}' as unit,
        '{{ entry.description | replace("'", "''") }}' as description,
        '{{ entry.model }}' as source_model
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
