{#- The publishers' decile of a rank among n areas: decile 1 holds ranks 1..n/10 (most deprived). -#}
{% macro rank_to_decile(rank_column, area_count) -%}
    cast(ceil({{ rank_column }} * 10.0 / {{ area_count }}) as integer)
{%- endmacro %}
