with

source as (

    select * from {{ source('raw', 'acearts__libraries_2023') }}

),

renamed as (

    select
        _row_number as source_row_number,
        trim("name") as library_name,
        trim("authority") as authority_name,
        {{ postcode('"postcode"') }} as postcode,
        lower(trim("type")) as library_type,
        trim("operation_23") as operation_2023,
        "closed" as closed_year,
        lower(trim("operation_23")) = 'closed' or "closed" is not null as is_closed,
        -- 'Closed' in the 2023 column, or a closure year, means not open in 2023.
        coalesce(trim("operation_23"), '') <> 'Closed' and "closed" is null as is_open_2023,
        trim("statutory_23") = 'Yes' as is_statutory_2023
    from source

)

select * from renamed
