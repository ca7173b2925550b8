{#- Values lie within [min_value, max_value] (either bound optional); nulls pass (not_null says
    otherwise where it matters). Written here because dbt deps cannot reach the package hub. -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
select {{ column_name }} as value_out_of_range
from {{ model }}
where {{ column_name }} is not null
  and (
    false
    {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
    {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
  )
{% endtest %}
