-- A Welsh LSOA 2021 that is an unchanged or split 2011 LSOA carries its 2011 LSOA's published score
-- and the rank and decile the UK mart gives that LSOA.
select lsoa21.lsoa21_code
from {{ ref('fct_wales_lsoa21_deprivation') }} as lsoa21
inner join {{ ref('stg_welsh_gov__wimd2019_scores') }} as wimd
    on lsoa21.lsoa11_codes = wimd.lsoa11_code
inner join {{ ref('fct_uk_small_area_deprivation') }} as uk
    on lsoa21.lsoa11_codes = uk.area_code
where lsoa21.geography_method in ('unchanged', 'split')
    and (
        lsoa21.wimd2019_score is distinct from wimd.wimd2019_score
        or lsoa21.wimd2019_housing_score is distinct from wimd.wimd2019_housing_score
        or lsoa21.wimd2019_rank is distinct from uk.own_nation_rank
        or lsoa21.wimd2019_decile is distinct from uk.own_nation_decile
    )
