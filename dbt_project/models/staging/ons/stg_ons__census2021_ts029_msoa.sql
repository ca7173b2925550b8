with

source as (

    select * from {{ source('raw', 'ons__census2021_ts029_msoa') }}

),

renamed as (

    select
        trim("geography code") as msoa21_code,
        "Proficiency in English language: Main language is English (English or Welsh in Wales)"
            as main_language_english_residents,
        "Proficiency in English language: Main language is not English (English or Welsh in Wales)"
            as main_language_not_english_residents,
        "Proficiency in English language: Main language is not English (English or Welsh in Wales): Can speak English very well"
            as speaks_english_very_well_residents,
        "Proficiency in English language: Main language is not English (English or Welsh in Wales): Can speak English well"
            as speaks_english_well_residents,
        "Proficiency in English language: Main language is not English (English or Welsh in Wales): Cannot speak English well"
            as cannot_speak_english_well_residents,
        "Proficiency in English language: Main language is not English (English or Welsh in Wales): Cannot speak English"
            as cannot_speak_english_residents
    from source

)

select * from renamed
