{#- ONS's dataset download of the Annual Population Survey well-being estimates, in the explorer's
    long shape: one row per area, financial year, measure and estimate, with its 95% confidence
    limits and the publisher's data marking ('[x]' = suppressed as unreliable). -#}
with

source as (

    select * from {{ source('raw', 'ons__wellbeing_local_authority') }}

),

renamed as (

    select
        trim("administrative-geography") as area_code,
        trim("Geography") as area_name,
        trim("MeasureOfWellbeing") as indicator,
        'Personal well-being' as category,
        trim("yyyy-yy") as period,
        trim("Estimate") as measure,
        case
            when trim("wellbeing-estimate") = 'average-mean' then 'Score out of 10'
            else 'Percentage of respondents'
        end as unit,
        "v4_3" as value,
        "Lower limit" as lower_limit,
        "Upper limit" as upper_limit,
        nullif(trim("Data marking"), '') as data_marking
    from source

)

select * from renamed
