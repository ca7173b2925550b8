{#- TS019 and TS016 categories are additive: a row whose parts miss its total is a damaged file. -#}
select 'ts019' as census_table, lsoa21_code, residents_aged_1_plus as total_residents
from {{ ref('stg_ons__census2021_ts019_lsoa') }}
where same_address_residents + student_address_residents + moved_within_uk_residents
    + moved_from_outside_uk_residents <> residents_aged_1_plus

union all

select 'ts016' as census_table, lsoa21_code, usual_residents as total_residents
from {{ ref('stg_ons__census2021_ts016_lsoa') }}
where born_in_uk_residents + arrived_10y_or_more_residents + arrived_5y_to_10y_residents
    + arrived_2y_to_5y_residents + arrived_under_2y_residents <> usual_residents
