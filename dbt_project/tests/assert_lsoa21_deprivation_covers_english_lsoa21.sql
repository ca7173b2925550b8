-- Every English LSOA 2021 of the spine has IoD2019 values, and nothing else does.
select coalesce(dim.lsoa21_code, fct.lsoa21_code) as lsoa21_code
from (select lsoa21_code from {{ ref('dim_lsoa21') }} where ctry_name = 'England') as dim
full outer join {{ ref('fct_lsoa21_deprivation') }} as fct on dim.lsoa21_code = fct.lsoa21_code
where dim.lsoa21_code is null or fct.lsoa21_code is null
