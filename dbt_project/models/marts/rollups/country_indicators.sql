{#- Indicators for England and for Wales. Method: macro area_indicators. -#}
with

areas as (

    {{ area_indicators('ctry_code', 'ctry_name') }}

)

select area_code as ctry_code, area_name as ctry_name, * exclude (area_code, area_name)
from areas
