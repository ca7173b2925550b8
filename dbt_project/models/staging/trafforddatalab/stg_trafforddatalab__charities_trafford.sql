with

source as (

    select * from {{ source('raw', 'trafforddatalab__charities_trafford') }}

),

renamed as (

    select
        trim("registered_charity_number") as charity_number,
        trim("charity_name") as charity_name,
        upper(regexp_replace(trim("charity_contact_postcode"), '\s+', ' ', 'g')) as postcode
    from source

)

select * from renamed
