with

source as (

    select * from {{ source('raw', 'ons__lsoa21_ward24_lad24') }}

),

renamed as (

    select
        -- The names as the publisher meant them: a few Welsh ward names are published mis-encoded.
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"LSOA21NM"') }}), '') as lsoa21_name,
        nullif(trim("WD24CD"), '') as ward24_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"WD24NM"') }}), '') as ward24_name,
        nullif(trim("LAD24CD"), '') as lad24_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"LAD24NM"') }}), '') as lad24_name
    from source

)

select * from renamed
