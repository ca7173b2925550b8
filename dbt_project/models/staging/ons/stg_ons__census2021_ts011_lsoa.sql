with

source as (

    select * from {{ source('raw', 'ons__census2021_ts011_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        "Household deprivation: Total: All households; measures: Value" as households,
        "Household deprivation: Household is not deprived in any dimension; measures: Value"
            as households_not_deprived,
        "Household deprivation: Household is deprived in one dimension; measures: Value"
            as households_deprived_1_dimension,
        "Household deprivation: Household is deprived in two dimensions; measures: Value"
            as households_deprived_2_dimensions,
        "Household deprivation: Household is deprived in three dimensions; measures: Value"
            as households_deprived_3_dimensions,
        "Household deprivation: Household is deprived in four dimensions; measures: Value"
            as households_deprived_4_dimensions
    from source

)

select * from renamed
