{#- One definition of grants in a district: the 2023 districts of lad_indicators hold exactly the
    money fct_lad_funding lists for them, so their pounds per head agree. A row names a district
    whose two figures differ. -#}
with

funding as (

    select lad_code, sum(amount_gbp) as amount_gbp
    from {{ ref('fct_lad_funding') }}
    group by lad_code

)

select indicators.lad_code, indicators.grants_amount_gbp, funding.amount_gbp
from {{ ref('lad_indicators') }} as indicators
full outer join funding on indicators.lad_code = funding.lad_code
where
    (indicators.lad_vintage = '2023' or indicators.lad_vintage is null)
    and (funding.lad_code like 'E0%' or funding.lad_code like 'W0%')
    and abs(coalesce(indicators.grants_amount_gbp, 0) - coalesce(funding.amount_gbp, 0)) > 0.005
