{#- Schemas are named for their layer (staging, intermediate, marts), not prefixed with the target
    schema, so users query marts.dim_lsoa21 whatever the profile says. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
