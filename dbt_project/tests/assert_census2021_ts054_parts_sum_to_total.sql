{#- TS054 nests subtotals in among its categories. In every row of every level the leaves must add up
    to the total and each subtotal to its parts; otherwise the shares would not sum to 100. -#}
{% set levels = {'lsoa': 'lsoa21', 'msoa': 'msoa21', 'ltla': 'ltla21', 'rgn': 'rgn', 'ctry': 'ctry'} %}
{% for level, code in levels.items() %}
select
    '{{ level }}' as geography_level,
    {{ code }}_code as area_code,
    total_households,
    {{ census2021_ts054_leaf_sum() }} as leaf_sum
from {{ ref('stg_ons__census2021_ts054_' ~ level) }}
where {{ census2021_ts054_leaf_sum() }} <> total_households
    or owned_subtotal_households <> owned_outright_households + owned_mortgage_households
    or shared_ownership_subtotal_households <> shared_ownership_households
    or social_rented_subtotal_households
        <> social_rented_council_households + social_rented_other_households
    or private_rented_subtotal_households
        <> private_rented_landlord_households + private_rented_other_households
{{ 'union all' if not loop.last }}
{% endfor %}
