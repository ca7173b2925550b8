-- An LSOA whose boundary did not change between 2011 and 2021 carries exactly the published values.
select lsoa21.lsoa21_code
from {{ ref('fct_lsoa21_deprivation') }} as lsoa21
inner join {{ ref('fct_lsoa11_deprivation') }} as lsoa11 on lsoa21.lsoa21_code = lsoa11.lsoa11_code
where lsoa21.geography_method = 'unchanged'
  and (
    lsoa21.imd2019_rank is distinct from lsoa11.imd2019_rank
    or lsoa21.imd2019_decile is distinct from lsoa11.imd2019_decile
    or lsoa21.income2019_rank is distinct from lsoa11.income2019_rank
    or lsoa21.living_environment2019_decile is distinct from lsoa11.living_environment2019_decile
    or lsoa21.idaci2019_rank is distinct from lsoa11.idaci2019_rank
    or lsoa21.idaopi2019_decile is distinct from lsoa11.idaopi2019_decile
    or lsoa21.crime2019_transformed_score is distinct from lsoa11.crime2019_transformed_score
    or lsoa21.population_total_count is distinct from lsoa11.population_total_count
    or lsoa21.population_working_age_count is distinct from lsoa11.population_working_age_count
  )
