with

source as (

    select * from {{ source('raw', 'drkane__la_all_codes') }}

),

renamed as (

    select
        nullif(trim("LADCD"), '') as lad_code,
        nullif(trim("LADNM"), '') as lad_name,
        nullif(trim("LADCD_ACTIVE"), '') as lad_current_code,
        nullif(trim("LADNM_ACTIVE"), '') as lad_current_name,
        nullif(trim("UTLACD"), '') as utla_code,
        nullif(trim("UTLANM"), '') as utla_name,
        nullif(trim("CAUTHCD"), '') as cauth_code,
        nullif(trim("CAUTHNM"), '') as cauth_name,
        nullif(trim("RGNCD"), '') as rgn_code,
        nullif(trim("RGNNM"), '') as rgn_name,
        nullif(trim("CTRYCD"), '') as ctry_code,
        nullif(trim("CTRYNM"), '') as ctry_name,
        upper(trim("Current")) = 'TRUE' as is_current
    from source

)

select * from renamed
