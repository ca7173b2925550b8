{#- Indicators per English region (and Wales as a whole, which has no regions). Method: macro
    area_indicators. -#}
with

areas as (

    {{ area_indicators('rgn_code', 'rgn_name') }}

)

select area_code as rgn_code, area_name as rgn_name, * exclude (area_code, area_name)
from areas
