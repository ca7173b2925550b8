with

source as (

    select * from {{ source('raw', 'mysociety__population_2019') }}

),

renamed as (

    select
        trim("lsoa") as small_area_code,
        case
            when trim("lsoa") like 'E01%' or trim("lsoa") like 'W01%' then 'lsoa11'
            when trim("lsoa") like 'S01%' then 'datazone11'
            when trim("lsoa") like '95%' then 'soa01_ni'
        end as small_area_type,
        "pop" as population_mid2019
    from source
    -- The compilation ends with a 'Grand Total' row (the Northern Ireland areas summed again).
    where trim("lsoa") <> 'Grand Total'

)

select * from renamed
