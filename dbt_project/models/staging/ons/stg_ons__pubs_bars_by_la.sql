with

source as (

    select * from {{ source('raw', 'ons__pubs_bars_by_la') }}

),

renamed as (

    select
        trim("Area code") as area_code,
        trim("Area name") as area_name,
        "2001" as pubs_2001,
        "2010" as pubs_2010,
        "2018" as pubs_2018
    from source
    -- The size bands are parts of this row; only the whole count is used.
    where trim("Number of employees in public house or bar") = 'Any number of employees'

)

select * from renamed
