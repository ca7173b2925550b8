{#- A published postcode as every join compares it: trimmed, upper case, one space inside
    ('m1  1ae ' -> 'M1 1AE'). Postcodes without their space stay as published. -#}
{% macro postcode(column) -%}
    upper(regexp_replace(trim({{ column }}), '\s+', ' ', 'g'))
{%- endmacro %}
