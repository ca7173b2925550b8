{{ config(pre_hook="load spatial") }}
{#- Points placed in the LSOA 2021 whose boundary contains them, where boundaries are loaded (Greater
    Manchester offline; the national file online). Each polygon's bounding box is compared first, so
    the exact test runs only for the few candidates. The geometry stays inside this model: the
    published warehouse holds codes, so reading it needs no spatial extension. -#}
with

boundaries as (

    select
        lsoa21_code,
        st_geomfromgeojson(geometry_geojson) as geometry
    from {{ ref('stg_trafforddatalab__gm_lsoa21_boundaries') }}

),

boxes as (

    select
        lsoa21_code,
        geometry,
        st_xmin(geometry) as min_longitude,
        st_xmax(geometry) as max_longitude,
        st_ymin(geometry) as min_latitude,
        st_ymax(geometry) as max_latitude
    from boundaries

),

points as (

    select 'library_2016' as point_kind, cast(library_id as varchar) as point_id,
        latitude, longitude
    from {{ ref('stg_dcms__libraries_2016_geocoded') }}
    where is_open_2016 and latitude is not null
    union all
    select 'library_gm' as point_kind, library_name as point_id, latitude, longitude
    from {{ ref('stg_trafforddatalab__gm_libraries') }}
    where latitude is not null
    union all
    select
        'grant' as point_kind,
        grant_id as point_id,
        beneficiary_latitude as latitude,
        beneficiary_longitude as longitude
    from {{ ref('int_grants_deduplicated') }}
    where beneficiary_latitude is not null and beneficiary_longitude is not null

),

final as (

    select
        points.point_kind,
        points.point_id,
        min(boxes.lsoa21_code) as lsoa21_code
    from points
    inner join boxes
        on points.longitude between boxes.min_longitude and boxes.max_longitude
        and points.latitude between boxes.min_latitude and boxes.max_latitude
    where st_contains(boxes.geometry, st_point(points.longitude, points.latitude))
    group by points.point_kind, points.point_id

)

select * from final
