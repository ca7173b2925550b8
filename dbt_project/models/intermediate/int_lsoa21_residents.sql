{#- Census 2021 usual residents per LSOA 2021 (TS016 total), the denominator of every per-head
    figure, with the LSOA's places. -#}
select
    geography.lsoa21_code,
    geography.lad23_code,
    geography.lad23_name,
    geography.ctry_name,
    residents.usual_residents
from {{ ref('dim_lsoa21') }} as geography
left join {{ ref('stg_ons__census2021_ts016_lsoa') }} as residents
    on geography.lsoa21_code = residents.lsoa21_code
