{#- Every MSOA's published cells against the sum of its LSOAs' cells, each within the cell-key
    tolerance; an MSOA with no LSOAs, or LSOAs with no MSOA, fails outright. -#}
{% set leaves = ['total_households', 'owned_outright_households', 'owned_mortgage_households',
                 'shared_ownership_households', 'social_rented_council_households',
                 'social_rented_other_households', 'private_rented_landlord_households',
                 'private_rented_other_households', 'rent_free_households'] %}
with

lsoa_sums as (

    select
        geography.msoa21_code,
        {%- for leaf in leaves %}
        sum(lsoa.{{ leaf }}) as {{ leaf }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('stg_ons__census2021_ts054_lsoa') }} as lsoa
    left join {{ ref('int_lsoa21_msoa21') }} as geography
        on lsoa.lsoa21_code = geography.lsoa21_code
    group by geography.msoa21_code

),

compared as (

    select
        coalesce(msoa.msoa21_code, lsoa_sums.msoa21_code) as msoa21_code,
        greatest(
            {%- for leaf in leaves %}
            abs(coalesce(lsoa_sums.{{ leaf }}, 0) - coalesce(msoa.{{ leaf }}, 0))
            {{- ',' if not loop.last }}
            {%- endfor %}
        ) as largest_gap_households,
        msoa.msoa21_code is null or lsoa_sums.msoa21_code is null as unmatched
    from {{ ref('stg_ons__census2021_ts054_msoa') }} as msoa
    full outer join lsoa_sums on msoa.msoa21_code = lsoa_sums.msoa21_code

)

select *
from compared
where unmatched or largest_gap_households > {{ var('census2021_msoa_cell_key_tolerance') }}
