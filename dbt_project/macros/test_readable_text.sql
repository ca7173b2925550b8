{#- No text of the column carries the marks of UTF-8 read as code page 850 (a box-drawing
    character before a letter, as in 'Ll┼Àn'): a name must read as its publisher meant it. -#}
{% test readable_text(model, column_name) %}
select {{ column_name }} as mis_encoded_text
from {{ model }}
where regexp_matches({{ column_name }}, '[├┼]|ÔÇ')
{% endtest %}
