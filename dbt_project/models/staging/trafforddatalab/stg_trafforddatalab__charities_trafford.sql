with

source as (

    select * from {{ source('raw', 'trafforddatalab__charities_trafford') }}

),

renamed as (

    select
        trim("registered_charity_number") as charity_number,
        trim("charity_name") as charity_name,
        {{ postcode('"charity_contact_postcode"') }} as postcode
    from source

)

select * from renamed
