{#- QS405EW, like TS054, nests subtotals: leaves must add up to the total in every row. -#}
{% for level in ['msoa', 'lsoa'] %}
select
    '{{ level }}' as geography_level,
    {{ level }}11_code as area_code,
    total_households,
    {{ census2011_qs405ew_leaf_sum() }} as leaf_sum
from {{ ref('stg_ons__census2011_qs405ew_' ~ level) }}
where {{ census2011_qs405ew_leaf_sum() }} <> total_households
    or owned_subtotal_households <> owned_outright_households + owned_mortgage_households
    or social_rented_subtotal_households
        <> social_rented_council_households + social_rented_other_households
    or private_rented_subtotal_households
        <> private_rented_landlord_households + private_rented_employer_households
        + private_rented_relative_households + private_rented_other_households
{{ 'union all' if not loop.last }}
{% endfor %}
