{#- Diversity is not a pressure. A column its model's YAML marks `meta: {context_only: true}` (the
    ethnic and religious diversity indices) must not be an indicator of any pressure, and the
    indicators' names must not speak of diversity: a row here names an indicator that does. -#}
{%- set context_only = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' %}
        {%- for column in node.columns.values() if column.meta.get('context_only') %}
            {%- do context_only.append(node.name ~ '.' ~ column.name) %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}
with

indicators as (

    {% for entry in pressure_indicators() %}
    select
        '{{ entry.indicator }}' as indicator,
        '{{ entry.model }}.{{ entry.column }}' as read_from
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

context_only as (

    select unnest(cast({{ context_only }} as varchar[])) as read_from

)

select indicators.indicator, indicators.read_from
from indicators
where
    indicators.read_from in (select context_only.read_from from context_only)
    or indicators.indicator ilike '%diversity%'
    or indicators.read_from ilike '%diversity%'
    -- Held to at least the two indices, so the test cannot pass by losing their marks.
    or (select count(*) from context_only) < 2
