with

source as (

    select * from {{ source('raw', 'nhs_ods__epraccur') }}

),

renamed as (

    select
        trim("Organisation Code") as practice_code,
        trim("Name") as practice_name,
        {{ postcode('"Postcode"') }} as postcode,
        trim("Status Code") as status_code,
        -- Prescribing setting 4 is a GP practice; the file also lists out-of-hours, walk-in and
        -- other prescribing organisations.
        "Prescribing Setting" as prescribing_setting,
        trim("Status Code") = 'A' and "Prescribing Setting" = 4 as is_active_gp_practice
    from source

)

select * from renamed
