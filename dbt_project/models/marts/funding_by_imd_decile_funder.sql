{#- funding_by_imd_decile, split by funder: one row per decile and funder with any placed grant. -#}
select
    deprivation.imd2019_decile,
    grants.funder_id,
    any_value(grants.funder_name) as funder_name,
    count(*) as grants,
    sum(grants.amount_gbp) as amount_gbp,
    100.0 * sum(grants.amount_gbp)
        / nullif(sum(sum(grants.amount_gbp)) over (partition by grants.funder_id), 0)
        as funder_amount_pct
from {{ ref('fct_grants') }} as grants
inner join {{ ref('fct_lsoa21_deprivation') }} as deprivation
    on grants.lsoa21_code = deprivation.lsoa21_code
group by deprivation.imd2019_decile, grants.funder_id
