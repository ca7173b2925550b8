-- NISRA's workbook and mySociety's flat CSV of it hold the same SOAs with the same MDM and domain
-- ranks (their names differ: the CSV drops punctuation).
with

workbook as (

    select * from {{ ref('stg_nisra__nimdm2017_soa') }}

),

flat as (

    select * from {{ ref('stg_mysociety__nimdm2017_soa') }}

)

select coalesce(workbook.soa01_code, flat.soa01_code) as soa01_code
from workbook
full outer join flat on workbook.soa01_code = flat.soa01_code
where workbook.soa01_code is null
    or flat.soa01_code is null
    {%- for rank in ['nimdm2017_rank', 'nimdm2017_income_rank', 'nimdm2017_employment_rank',
                     'nimdm2017_health_rank', 'nimdm2017_education_rank', 'nimdm2017_access_rank',
                     'nimdm2017_living_environment_rank', 'nimdm2017_crime_rank'] %}
    or workbook.{{ rank }} is distinct from flat.{{ rank }}
    {%- endfor %}
