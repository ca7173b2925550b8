{#- Each value is null exactly when its status column says 'missing': a published zero is never a
    gap and a gap never hides behind a status. `pairs` maps each value column to its status
    column; the rows returned are those that break the rule for any pair. -#}
{% test null_exactly_when_missing(model, pairs) %}
select *
from {{ model }}
where false
{%- for value_column, status_column in pairs.items() %}
    or ({{ value_column }} is null) <> ({{ status_column }} = 'missing')
    or {{ status_column }} is null
{%- endfor %}
{% endtest %}
