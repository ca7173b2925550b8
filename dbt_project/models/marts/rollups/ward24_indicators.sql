{#- Indicators per electoral ward of May 2024 (the current wards), from LSOA 2021 through the ONS
    best-fit lookup (dim_lsoa21.ward24_code), England and Wales. Method: macro area_indicators. -#}
with

indicators as (

    select * from {{ ref('int_lsoa21_indicators') }}

),

geography as (

    select lsoa21_code, ward24_code, ward24_name, lad24_code, lad24_name
    from {{ ref('dim_lsoa21') }}

),

lsoas as (

    select
        indicators.*,
        geography.ward24_code,
        geography.ward24_name,
        geography.lad24_code,
        geography.lad24_name
    from indicators
    inner join geography on indicators.lsoa21_code = geography.lsoa21_code

),

wards as (

    {{ area_indicators('ward24_code', 'ward24_name', relation='lsoas') }}

),

districts as (

    -- A best-fit ward is built from whole LSOAs of one district.
    select ward24_code, min(lad24_code) as lad24_code, min(lad24_name) as lad24_name
    from lsoas
    group by ward24_code

)

select
    wards.area_code as ward24_code,
    wards.area_name as ward24_name,
    districts.lad24_code,
    districts.lad24_name,
    wards.* exclude (area_code, area_name)  -- noqa: RF02
from wards
left join districts on wards.area_code = districts.ward24_code
