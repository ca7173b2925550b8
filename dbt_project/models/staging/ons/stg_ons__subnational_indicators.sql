with

source as (

    select * from {{ source('raw', 'ons__subnational_indicators') }}

),

renamed as (

    select
        trim("AREACD") as area_code,
        trim("AREANM") as area_name,
        trim("Geography") as geography_type,
        trim("Indicator") as indicator,
        trim("Category") as category,
        trim("Period") as period,
        trim("Measure") as measure,
        trim("Unit") as unit,
        "Value" as value,
        "MAD" as median_absolute_deviations
    from source

)

select * from renamed
