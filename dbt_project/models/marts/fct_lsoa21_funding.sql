with

grants as (

    select * from {{ ref('fct_grants') }} where lsoa21_code is not null

),

residents as (

    select * from {{ ref('int_lsoa21_residents') }}

),

final as (

    select
        grants.lsoa21_code,
        grants.award_year,
        grants.funder_id,
        any_value(grants.funder_name) as funder_name,
        count(*) as grants,
        sum(grants.amount_gbp) as amount_gbp,
        sum(grants.amount_gbp) / nullif(any_value(residents.usual_residents), 0)
            as amount_per_head_gbp,
        avg(case when grants.is_address_placement then 1.0 else 0.0 end)
            as address_placed_share
    from grants
    inner join residents on grants.lsoa21_code = residents.lsoa21_code
    group by grants.lsoa21_code, grants.award_year, grants.funder_id

)

select * from final
