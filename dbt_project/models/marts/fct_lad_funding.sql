with

grants as (

    select * from {{ ref('fct_grants') }} where lad_code is not null

),

residents as (

    select lad23_code, sum(usual_residents) as usual_residents
    from {{ ref('int_lsoa21_residents') }}
    group by lad23_code

),

final as (

    select
        grants.lad_code,
        any_value(grants.lad_name) as lad_name,
        grants.award_year,
        grants.funder_id,
        any_value(grants.funder_name) as funder_name,
        count(*) as grants,
        sum(grants.amount_gbp) as amount_gbp,
        -- Census 2021 residents of England and Wales; no per-head figure for other nations.
        sum(grants.amount_gbp) / nullif(any_value(residents.usual_residents), 0)
            as amount_per_head_gbp,
        avg(case when grants.lsoa21_code is not null then 1.0 else 0.0 end)
            as lsoa_placed_share,
        avg(case when grants.is_address_placement then 1.0 else 0.0 end)
            as address_placed_share
    from grants
    left join residents on grants.lad_code = residents.lad23_code
    group by grants.lad_code, grants.award_year, grants.funder_id

)

select * from final
