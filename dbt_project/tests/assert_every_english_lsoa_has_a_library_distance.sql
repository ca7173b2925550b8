select lsoa21_code
from {{ ref('fct_lsoa21_social_infrastructure') }}
where ctry_name = 'England' and nearest_open_library_km is null
