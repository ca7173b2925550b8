{#- The ONS LSOA 2011 -> 2021 change indicator (CHGIND) in words: how a 2021 LSOA's values were
    reached from 2011 (geography_method on every converted table). -#}
{% macro lsoa_change_method(change_indicator) -%}
    case {{ change_indicator }}
        when 'U' then 'unchanged'
        when 'S' then 'split'
        when 'M' then 'merged'
        when 'X' then 'complex'
    end
{%- endmacro %}
