with

tenure as (

    select * from {{ ref('stg_ons__census2021_ts054_lsoa') }}

),

geography as (

    select * from {{ ref('dim_lsoa21') }}

),

final as (

    select
        geography.lsoa21_code,
        geography.lsoa21_name,
        geography.msoa21_code,
        geography.lad23_code,
        geography.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        geography.rgn_name,
        tenure.total_households as households,
        tenure.owned_outright_households + tenure.owned_mortgage_households as owned_households,
        tenure.shared_ownership_households,
        tenure.social_rented_council_households + tenure.social_rented_other_households
            as social_rented_households,
        tenure.private_rented_landlord_households + tenure.private_rented_other_households
            as private_rented_households,
        tenure.rent_free_households,
        {{ tenure_pct_columns() }}
    from geography
    inner join tenure on geography.lsoa21_code = tenure.lsoa21_code

)

select * from final
