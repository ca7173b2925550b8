with

geography as (

    select * from {{ ref('int_lsoa21_geography_joined') }}

),

final as (

    select
        lsoa21_code,
        lsoa21_name,
        lsoa21_name_welsh,
        msoa21_code,
        msoa21_name,
        lad22_code,
        lad22_name,
        lad23_code,
        lad23_name,
        utla23_code,
        utla23_name,
        ward23_code,
        ward23_name,
        ward24_code,
        ward24_name,
        lad24_code,
        lad24_name,
        ward19_code,
        ward19_name,
        lad19_code,
        ward19_fit_method,
        rgn_code,
        rgn_name,
        ctry_code,
        ctry_name,
        ruc21_code,
        ruc21_name,
        is_rural
    from geography

)

select * from final
