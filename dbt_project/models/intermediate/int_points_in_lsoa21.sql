{{ config(pre_hook="load spatial") }}
{#- Points placed in the LSOA 2021 whose boundary contains them. Two sets of boundaries: Greater
    Manchester's, generalised to 20 m, and the national ones (all 35,672 LSOAs), super generalised
    to 200 m. Where the Greater Manchester set holds a point it decides, as it did before the
    national set was loaded, so no placement there changes; elsewhere the national set places it.
    The join on st_contains is planned as DuckDB spatial's spatial join, which builds an R-tree of
    the polygons' bounding boxes, so each point is tested exactly against only the few polygons
    whose box holds it. The geometry stays inside this model: the published warehouse holds codes,
    so reading it needs no spatial extension. -#}
with

gm_boundaries as (

    select
        lsoa21_code,
        'Greater Manchester boundaries (20 m)' as boundary_set,
        1 as boundary_preference,
        st_geomfromgeojson(geometry_geojson) as geometry
    from {{ ref('stg_trafforddatalab__gm_lsoa21_boundaries') }}

),

national_boundaries as (

    select
        lsoa21_code,
        'national boundaries (200 m)' as boundary_set,
        2 as boundary_preference,
        st_geomfromgeojson(geometry_geojson) as geometry
    from {{ ref('stg_ons__lsoa21_boundaries') }}

),

boundaries as (

    select * from gm_boundaries
    union all
    select * from national_boundaries

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

contained as (

    select
        points.point_kind,
        points.point_id,
        boundaries.lsoa21_code,
        boundaries.boundary_set,
        boundaries.boundary_preference
    from points
    inner join boundaries
        on st_contains(boundaries.geometry, st_point(points.longitude, points.latitude))

),

final as (

    -- The preferred set's LSOA; within a set, the lowest code if boundaries overlap.
    select
        point_kind,
        point_id,
        arg_min(lsoa21_code, (boundary_preference, lsoa21_code)) as lsoa21_code,
        arg_min(boundary_set, (boundary_preference, lsoa21_code)) as boundary_set
    from contained
    group by point_kind, point_id

)

select * from final
