with

grants as (

    select * from {{ ref('int_grants_placed') }}

),

local_authorities as (

    select lad_code, lad_name from {{ ref('stg_drkane__la_all_codes') }}

),

final as (

    select
        grants.grant_id,
        grants.source_id,
        grants.published_copies,
        grants.title,
        grants.funder_id,
        grants.funder_name,
        grants.grant_programme_title,
        grants.recipient_id,
        grants.recipient_name,
        grants.recipient_charity_number,
        grants.currency,
        grants.amount_awarded,
        -- Sterling only: no exchange rate is among the sources, so other currencies stay unconverted.
        case when grants.currency = 'GBP' then grants.amount_awarded end as amount_gbp,
        grants.award_date,
        year(grants.award_date) as award_year,
        grants.recipient_postcode_normalised as recipient_postcode,
        grants.beneficiary_geo_code,
        grants.beneficiary_geo_code_type,
        grants.lsoa21_code,
        grants.lad_code,
        local_authorities.lad_name,
        grants.location_method,
        grants.location_method like 'recipient%' as is_address_placement
    from grants
    left join local_authorities on grants.lad_code = local_authorities.lad_code

)

select * from final
