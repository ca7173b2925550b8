with

source as (

    select * from {{ source('raw', 'mysociety__lsoa11_parl25_overlap') }}

),

renamed as (

    select
        trim("LSOA11") as small_area_code,
        case
            when trim("LSOA11") like 'E01%' or trim("LSOA11") like 'W01%' then 'lsoa11'
            when trim("LSOA11") like 'S01%' then 'datazone11'
            when trim("LSOA11") like '95%' then 'soa01_ni'
        end as small_area_type,
        trim("PARL25") as parl25_code,
        "overlap_area" as overlap_area_m2,
        "original_area" as original_area_m2,
        -- Published as 'percentage_overlap_*' but shares from 0 to 1, rounded to 2 dp.
        "percentage_overlap_area" as overlap_area_rate,
        "percentage_overlap_pop" as overlap_population_rate,
        "overlap_pop" as overlap_population,
        "original_pop" as original_population
    from source

)

select * from renamed
