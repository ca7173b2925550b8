{#- LSOA 2021 -> MSOA 2021. No LSOA -> MSOA lookup is among the sources (ONS publishes it only at
    output-area level), but ONS names an LSOA after its MSOA plus one letter ('Hartlepool 001A' is in
    'Hartlepool 001'), and the Census TS054 MSOA file gives each MSOA name its code. -#}
with

lsoa21 as (

    select lsoa21_code, lsoa21_name from {{ ref('stg_ons__lsoa21_ward23_lad23') }}

),

msoa21 as (

    select msoa21_code, msoa21_name from {{ ref('stg_ons__census2021_ts054_msoa') }}

),

final as (

    select
        lsoa21.lsoa21_code,
        lsoa21.lsoa21_name,
        msoa21.msoa21_code,
        msoa21.msoa21_name
    from lsoa21
    left join msoa21
        on regexp_replace(lsoa21.lsoa21_name, '[A-Z]$', '') = msoa21.msoa21_name

)

select * from final
