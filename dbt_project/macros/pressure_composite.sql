{#- The composite of the pressures' transformed scores (columns `<pressure>_transformed`), each
    weighted by `weights` (a dict of SQL expressions by pressure; equal weights when none). One
    definition for the composite and for every run of the sensitivity test. -#}
{% macro pressure_composite(pressures, weights=none, suffix='_transformed') -%}
    (
        {%- for pressure in pressures %}
        {{ weights[pressure] if weights else (1.0 / (pressures | length)) }}
        * {{ pressure }}{{ suffix }}{{ ' +' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
