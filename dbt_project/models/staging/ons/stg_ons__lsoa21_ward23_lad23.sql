with

source as (

    select * from {{ source('raw', 'ons__lsoa21_ward23_lad23') }}

),

renamed as (

    select
        -- The names as the publisher meant them: a few Welsh ward names are published mis-encoded.
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"LSOA21NM"') }}), '') as lsoa21_name,
        nullif(trim({{ repair_utf8_read_as_cp850('"LSOA21NMW"') }}), '') as lsoa21_name_welsh,
        nullif(trim("WD23CD"), '') as ward23_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"WD23NM"') }}), '') as ward23_name,
        nullif(trim("LAD23CD"), '') as lad23_code,
        nullif(trim({{ repair_utf8_read_as_cp850('"LAD23NM"') }}), '') as lad23_name
    from source

)

select * from renamed
