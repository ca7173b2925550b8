{#- Every 360Giving source is read into the same table (ingest/readers/grants.py), so its staging
    model is this one select with the source's id attached. -#}
{% macro stg_grants(source_id) %}
with

source as (

    select * from {{ source('raw', source_id) }}

),

renamed as (

    select
        '{{ source_id }}' as source_id,
        _row_number as source_row_number,
        trim(grant_id) as grant_id,
        title,
        description,
        upper(trim(currency)) as currency,
        amount_awarded,
        award_date,
        trim(funder_id) as funder_id,
        trim(funder_name) as funder_name,
        nullif(trim(recipient_id), '') as recipient_id,
        trim(recipient_name) as recipient_name,
        nullif(trim(recipient_charity_number), '') as recipient_charity_number,
        nullif(trim(recipient_company_number), '') as recipient_company_number,
        nullif(trim(recipient_postcode), '') as recipient_postcode,
        recipient_postcode_normalised,
        nullif(trim(recipient_country), '') as recipient_country,
        nullif(trim(beneficiary_location_name), '') as beneficiary_location_name,
        upper(nullif(trim(beneficiary_geo_code), '')) as beneficiary_geo_code,
        nullif(trim(beneficiary_geo_code_type), '') as beneficiary_geo_code_type,
        beneficiary_latitude,
        beneficiary_longitude,
        beneficiary_locations_json,
        nullif(trim(grant_programme_title), '') as grant_programme_title,
        last_modified
    from source

)

select * from renamed
{% endmacro %}
