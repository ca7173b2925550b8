with

source as (

    select * from {{ source('raw', 'ons__census2021_ts016_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        trim("geography") as lsoa21_name,
        "Length of residence in the UK: Total: All usual residents; measures: Value"
            as usual_residents,
        "Length of residence in the UK: Born in the UK; measures: Value" as born_in_uk_residents,
        "Length of residence in the UK: 10 years or more; measures: Value"
            as arrived_10y_or_more_residents,
        "Length of residence in the UK: 5 years or more, but less than 10 years; measures: Value"
            as arrived_5y_to_10y_residents,
        "Length of residence in the UK: 2 years or more, but less than 5 years; measures: Value"
            as arrived_2y_to_5y_residents,
        "Length of residence in the UK: Less than 2 years; measures: Value"
            as arrived_under_2y_residents
    from source

)

select * from renamed
