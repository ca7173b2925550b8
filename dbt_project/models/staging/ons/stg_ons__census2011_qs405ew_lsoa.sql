with

source as (

    select * from {{ source('raw', 'ons__census2011_qs405ew_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa11_code,
        trim("geography") as lsoa11_name,
        {{ census2011_qs405ew_tenure_columns() }}
    from source

)

select * from renamed
