{#- Indicators per upper-tier local authority (county or unitary, 2023), England and Wales. Method:
    macro area_indicators. -#}
with

areas as (

    {{ area_indicators('utla23_code', 'utla23_name') }}

)

select area_code as utla23_code, area_name as utla23_name, * exclude (area_code, area_name)
from areas
