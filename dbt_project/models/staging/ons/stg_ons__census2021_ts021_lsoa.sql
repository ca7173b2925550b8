with

source as (

    select * from {{ source('raw', 'ons__census2021_ts021_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        "Ethnic group: Total: All usual residents" as usual_residents,
        "Ethnic group: Asian, Asian British or Asian Welsh" as asian_residents,
        "Ethnic group: Black, Black British, Black Welsh, Caribbean or African"
            as black_residents,
        "Ethnic group: Mixed or Multiple ethnic groups" as mixed_residents,
        "Ethnic group: White" as white_residents,
        "Ethnic group: Other ethnic group" as other_ethnic_group_residents
    from source

)

select * from renamed
