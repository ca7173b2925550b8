{#- Indicators per electoral ward (December 2019), from LSOA 2021 through the best-fit ward of each
    LSOA's 2011 parent (dim_lsoa21.ward19_fit_method), England and Wales. Method: macro
    area_indicators. -#}
with

wards as (

    {{ area_indicators('ward19_code', 'ward19_name') }}

),

districts as (

    select ward19_code, min(lad19_code) as lad19_code
    from {{ ref('int_lsoa21_indicators') }}
    group by ward19_code

)

select
    wards.area_code as ward19_code,
    wards.area_name as ward19_name,
    districts.lad19_code,
    wards.* exclude (area_code, area_name)  -- noqa: RF02
from wards
left join districts on wards.area_code = districts.ward19_code
