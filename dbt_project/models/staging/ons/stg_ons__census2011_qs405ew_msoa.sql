with

source as (

    select * from {{ source('raw', 'ons__census2011_qs405ew_msoa') }}

),

renamed as (

    select
        trim("geography code") as msoa11_code,
        trim("geography") as msoa11_name,
        {{ census2011_qs405ew_tenure_columns() }}
    from source

)

select * from renamed
