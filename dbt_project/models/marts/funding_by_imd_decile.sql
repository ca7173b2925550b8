{#- Do the most deprived tenth of England's neighbourhoods receive their share? Grants placed in an
    English LSOA 2021 (by beneficiary code or recipient postcode), by the LSOA's IMD 2019 decile
    (national, 1 = most deprived), against the decile's Census 2021 residents. Grants placed only
    at local-authority level, or not at all, are outside this table: see fct_grants. -#}
with

deciles as (

    select
        deprivation.imd2019_decile,
        count(*) as lsoa21_count,
        cast(sum(residents.usual_residents) as bigint) as usual_residents
    from {{ ref('fct_lsoa21_deprivation') }} as deprivation
    inner join {{ ref('int_lsoa21_residents') }} as residents
        on deprivation.lsoa21_code = residents.lsoa21_code
    group by deprivation.imd2019_decile

),

grants as (

    select deprivation.imd2019_decile, grants.*
    from {{ ref('fct_grants') }} as grants
    inner join {{ ref('fct_lsoa21_deprivation') }} as deprivation
        on grants.lsoa21_code = deprivation.lsoa21_code

),

by_decile as (

    select
        imd2019_decile,
        count(*) as grants,
        count(distinct funder_id) as funders,
        sum(amount_gbp) as amount_gbp,
        avg(case when is_address_placement then 1.0 else 0.0 end) as address_placed_share
    from grants
    group by imd2019_decile

),

final as (

    select
        deciles.imd2019_decile,
        deciles.lsoa21_count,
        deciles.usual_residents,
        coalesce(by_decile.grants, 0) as grants,
        coalesce(by_decile.funders, 0) as funders,
        coalesce(by_decile.amount_gbp, 0) as amount_gbp,
        coalesce(by_decile.amount_gbp, 0) / deciles.usual_residents as amount_per_head_gbp,
        100.0 * coalesce(by_decile.amount_gbp, 0) / nullif(sum(by_decile.amount_gbp) over (), 0)
            as amount_pct,
        100.0 * deciles.usual_residents / sum(deciles.usual_residents) over ()
            as population_pct,
        by_decile.address_placed_share
    from deciles
    left join by_decile on deciles.imd2019_decile = by_decile.imd2019_decile

)

select * from final order by imd2019_decile
