-- File 9 is rounded to 3 dp, so the rebuilt IMD score ranks within a few places of the published
-- rank. Largest gap measured on the real files: 4 places; a gap above 6 means the weights or a
-- domain column are wrong.
select lsoa11_code, imd2019_rank, imd2019_rank_rebuilt
from {{ ref('fct_lsoa11_deprivation') }}
where abs(imd2019_rank - imd2019_rank_rebuilt) > 6
