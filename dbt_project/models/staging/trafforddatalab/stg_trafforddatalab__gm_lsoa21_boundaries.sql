select
    trim(area_code) as lsoa21_code,
    trim(area_name) as lsoa21_name,
    geometry_geojson
from {{ source('raw', 'trafforddatalab__gm_lsoa21_boundaries') }}
