with

source as (

    select * from {{ source('raw', 'ons__census2021_ts019_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        trim("geography") as lsoa21_name,
        -- The label says all usual residents; the base is residents aged 1 and over (no address a
        -- year before the Census for babies).
        "Migrant indicator: Total: All usual residents; measures: Value"
            as residents_aged_1_plus,
        "Migrant indicator: Address one year ago is the same as the address of enumeration; measures: Value"
            as same_address_residents,
        "Migrant indicator: Address one year ago is student term-time or boarding school address in the UK; measures: Value"
            as student_address_residents,
        "Migrant indicator: Migrant from within the UK: Address one year ago was in the UK; measures: Value"
            as moved_within_uk_residents,
        "Migrant indicator: Migrant from outside the UK: Address one year ago was outside the UK; measures: Value"
            as moved_from_outside_uk_residents
    from source

)

select * from renamed
