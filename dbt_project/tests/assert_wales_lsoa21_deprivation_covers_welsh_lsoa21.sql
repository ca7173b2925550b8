-- Every Welsh LSOA 2021 of the spine gets a WIMD 2019 score, rank and decile through the LSOA
-- 2011 to 2021 lookup, and nothing else is in the Welsh mart.
select coalesce(dim.lsoa21_code, fct.lsoa21_code) as lsoa21_code
from (select lsoa21_code from {{ ref('dim_lsoa21') }} where ctry_name = 'Wales') as dim
full outer join {{ ref('fct_wales_lsoa21_deprivation') }} as fct
    on dim.lsoa21_code = fct.lsoa21_code
where dim.lsoa21_code is null
    or fct.lsoa21_code is null
    or fct.wimd2019_score is null
    or fct.wimd2019_rank is null
    or fct.wimd2019_decile is null
