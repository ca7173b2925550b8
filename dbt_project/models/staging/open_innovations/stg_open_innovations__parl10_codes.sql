with

source as (

    select * from {{ source('raw', 'open_innovations__parl10_codes') }}

),

renamed as (

    select
        trim("PCON10CD") as pcon10_code,
        trim("Name") as pcon10_name,
        -- The English region, or the nation.
        trim("Region") as rgn_name
    from source

)

select * from renamed
