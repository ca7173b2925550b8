{#- One postcode directory from the two sources that can supply it: the ONS Postcode Directory
    (the whole UK, online) and the Trafford subset (offline). Where both have a postcode, ONSPD wins. -#}
with

onspd as (

    select
        upper(regexp_replace(trim("pcds"), '\s+', ' ', 'g')) as postcode,
        nullif(trim("lsoa21"), '') as lsoa21_code,
        nullif(trim("oslaua"), '') as lad_code,
        "lat" as latitude,
        "long" as longitude,
        'ons__postcode_directory' as source_id
    from {{ source('raw', 'ons__postcode_directory') }}
    -- Terminated postcodes are kept: old grants name them.

),

trafford as (

    select
        upper(regexp_replace(trim("postcode"), '\s+', ' ', 'g')) as postcode,
        nullif(trim("lsoa_code"), '') as lsoa21_code,
        nullif(trim("la_code"), '') as lad_code,
        "lat" as latitude,
        "lon" as longitude,
        'trafforddatalab__trafford_postcodes' as source_id
    from {{ source('raw', 'trafforddatalab__trafford_postcodes') }}

),

unioned as (

    select *, 1 as preference from onspd
    union all
    select *, 2 as preference from trafford

)

select * exclude (preference, copy_order)
from (
    select *, row_number() over (partition by postcode order by preference) as copy_order
    from unioned
)
where copy_order = 1
