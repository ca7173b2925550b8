{#- In marts.neighbourhood_indicators a value is null exactly when its status is 'missing' (or,
    for grants, 'not_covered'), and every status is one of the documented ones. -#}
{% set columns = adapter.get_columns_in_relation(ref('neighbourhood_indicators')) %}
{% set statuses = [] %}
{% for column in columns if column.name.endswith('_status') %}
    {% do statuses.append(column.name) %}
{% endfor %}
{% for status in statuses %}
{%- set value = status[:-7] %}
select lsoa21_code, '{{ value }}' as indicator, {{ status }} as status
from {{ ref('neighbourhood_indicators') }}
where ({{ value }} is null) <> ({{ status }} in ('missing', 'not_covered'))
    or {{ status }} not in ('observed', 'converted_split', 'converted_merged',
        'converted_complex', 'from_msoa', 'from_la', 'modelled', 'missing', 'not_covered',
        'partly_placed')
    or {{ status }} is null
{%- if not loop.last %}
union all
{%- endif %}
{% endfor %}
{% if statuses | length == 0 %}
select 'no status columns' as problem
{% endif %}
