{#- The isolation pressure's neighbourhood measures, per LSOA 2021: modelled loneliness, places to
    meet within reach and the nearest one, and private outdoor space. Each value has a status, and
    is null exactly when its status is 'missing'.

    Places to meet are OpenStreetMap's community centres, village halls and social centres
    (© OpenStreetMap contributors, ODbL 1.0: every output using them carries the attribution) and
    the static libraries open in 2023. Distances are great circles from the LSOA's geometric
    centroid (drkane/geo-lookups; the project has no population-weighted centroids).

    Comparing 33,755 centroids with every place (15,947 offline) is 538 million distances: 99 s
    measured here. Places are binned on a grid instead, whose cells are wider than the reach in
    both directions, so every place within reach of a centroid lies in the centroid's cell or one
    of its eight neighbours (677,232 pairs). The 3,525 LSOAs with no place within reach find their
    nearest on a coarse grid the same way, and any with nothing on the coarse grid either (none on
    the real files) search every place. The whole model takes about 0.6 s, and its counts and
    distances equal the full comparison's for every LSOA. -#}
{%- set reach_km = 1.6 %}
{#- Cell sizes in degrees (latitude, longitude) and the distance within which the 3 x 3 cells
    round a centroid hold every place: 0.02 degrees of latitude are 2.2 km and 0.03 degrees of
    longitude 1.86 km at 56 N (England ends at 55.8 N), both beyond 1.6 km; the coarse cells, ten
    times larger, hold every place within 18 km. -#}
{%- set fine = {'lat': 0.02, 'lon': 0.03} %}
{%- set coarse = {'lat': 0.2, 'lon': 0.3, 'holds_km': 18} %}
{%- set distance = haversine_km('centroids.latitude', 'centroids.longitude',
                                'places.latitude', 'places.longitude') %}
with

lsoas as (

    select
        residents.lsoa21_code,
        residents.ctry_name,
        residents.usual_residents,
        lsoa_msoa.msoa21_code
    from {{ ref('int_lsoa21_residents') }} as residents
    left join {{ ref('int_lsoa21_msoa21') }} as lsoa_msoa
        on residents.lsoa21_code = lsoa_msoa.lsoa21_code

),

centroids as (

    -- Both lists of places cover England only: Welsh LSOAs are not measured.
    select lsoas.lsoa21_code, centroid.latitude, centroid.longitude
    from lsoas
    inner join {{ ref('stg_drkane__lsoa_latlong') }} as centroid
        on lsoas.lsoa21_code = centroid.area_code
    where lsoas.ctry_name = 'England'

),

loneliness as (

    select * from {{ ref('stg_british_red_cross__loneliness_lsoa21') }}

),

community_places as (

    select 'community' as place_source, latitude, longitude
    from {{ ref('stg_openstreetmap__places_to_meet') }}

),

libraries_open_2023 as (

    select postcode
    from {{ ref('stg_acearts__libraries_2023') }}
    where is_open_2023 and library_type in ('static library', 'static local history library')

),

postcode_points as (

    -- ONSPD gives a postcode without a grid reference latitude 99.999999: no point at all.
    select postcode, latitude, longitude
    from {{ ref('int_postcodes_unioned') }}
    where latitude between 49 and 61 and longitude is not null

),

library_points_2016 as (

    -- The 2016 list's own geocoding, by postcode typed with or without its space; libraries
    -- sharing a postcode share a point.
    select
        replace(postcode_as_published, ' ', '') as postcode_key,
        avg(latitude) as latitude,
        avg(longitude) as longitude
    from {{ ref('stg_dcms__libraries_2016_geocoded') }}
    where latitude is not null and longitude is not null
    group by replace(postcode_as_published, ' ', '')

),

library_places as (

    -- The 2023 list has postcodes only: a library is at its postcode's point where the postcode
    -- directory has it (all of England online, Trafford offline), else at the 2016 list's point
    -- for the same postcode. A library found in neither (294 of 2,925 offline) is not counted.
    select
        'library' as place_source,
        coalesce(postcode_points.latitude, library_points_2016.latitude) as latitude,
        coalesce(postcode_points.longitude, library_points_2016.longitude) as longitude
    from libraries_open_2023
    left join postcode_points on libraries_open_2023.postcode = postcode_points.postcode
    left join library_points_2016
        on replace(libraries_open_2023.postcode, ' ', '') = library_points_2016.postcode_key
    where coalesce(postcode_points.latitude, library_points_2016.latitude) is not null

),

all_places as (

    select * from community_places
    union all
    select * from library_places

),

places as (

    select
        *,
        cast(floor(latitude / {{ fine.lat }}) as integer) as fine_lat_cell,
        cast(floor(longitude / {{ fine.lon }}) as integer) as fine_lon_cell,
        cast(floor(latitude / {{ coarse.lat }}) as integer) as coarse_lat_cell,
        cast(floor(longitude / {{ coarse.lon }}) as integer) as coarse_lon_cell
    from all_places

),

centroid_cells as (

    select
        *,
        cast(floor(latitude / {{ fine.lat }}) as integer) as fine_lat_cell,
        cast(floor(longitude / {{ fine.lon }}) as integer) as fine_lon_cell,
        cast(floor(latitude / {{ coarse.lat }}) as integer) as coarse_lat_cell,
        cast(floor(longitude / {{ coarse.lon }}) as integer) as coarse_lon_cell
    from centroids

),

-- A centroid's cell and its eight neighbours, unnested row by row: joined to the places on plain
-- cell numbers, so the join is a hash join (a join on sums of two relations' columns became a
-- cross product of all of them, slower than no grid at all).
fine_rows as (

    select
        *,
        unnest([fine_lat_cell - 1, fine_lat_cell, fine_lat_cell + 1]) as lat_cell
    from centroid_cells

),

fine_neighbourhoods as (

    select
        *,
        unnest([fine_lon_cell - 1, fine_lon_cell, fine_lon_cell + 1]) as lon_cell
    from fine_rows

),

near_places as (

    select
        centroids.lsoa21_code,
        places.place_source,
        {{ distance }} as distance_km
    from fine_neighbourhoods as centroids
    inner join places
        on centroids.lat_cell = places.fine_lat_cell
        and centroids.lon_cell = places.fine_lon_cell

),

within_reach as (

    select
        lsoa21_code,
        count(*) filter (where distance_km <= {{ reach_km }}) as places_count,
        count(*) filter (
            where distance_km <= {{ reach_km }} and place_source = 'community'
        ) as community_places_count,
        count(*) filter (
            where distance_km <= {{ reach_km }} and place_source = 'library'
        ) as libraries_count,
        min(distance_km) filter (where distance_km <= {{ reach_km }}) as nearest_km
    from near_places
    group by lsoa21_code

),

beyond_reach as (

    select centroid_cells.*
    from centroid_cells
    left join within_reach on centroid_cells.lsoa21_code = within_reach.lsoa21_code
    where within_reach.nearest_km is null

),

coarse_rows as (

    select
        *,
        unnest([coarse_lat_cell - 1, coarse_lat_cell, coarse_lat_cell + 1]) as lat_cell
    from beyond_reach

),

coarse_neighbourhoods as (

    select
        *,
        unnest([coarse_lon_cell - 1, coarse_lon_cell, coarse_lon_cell + 1]) as lon_cell
    from coarse_rows

),

coarse_nearest as (

    select
        centroids.lsoa21_code,
        min({{ distance }}) as nearest_km
    from coarse_neighbourhoods as centroids
    inner join places
        on centroids.lat_cell = places.coarse_lat_cell
        and centroids.lon_cell = places.coarse_lon_cell
    group by centroids.lsoa21_code

),

far_nearest as (

    -- Only where the coarse cells hold no place within the distance they vouch for.
    select
        centroids.lsoa21_code,
        min({{ distance }}) as nearest_km
    from beyond_reach as centroids
    left join coarse_nearest on centroids.lsoa21_code = coarse_nearest.lsoa21_code
    cross join places
    where coarse_nearest.nearest_km is null or coarse_nearest.nearest_km > {{ coarse.holds_km }}
    group by centroids.lsoa21_code

),

places_to_meet as (

    select
        centroids.lsoa21_code,
        coalesce(within_reach.places_count, 0) as places_count,
        coalesce(within_reach.community_places_count, 0) as community_places_count,
        coalesce(within_reach.libraries_count, 0) as libraries_count,
        coalesce(
            within_reach.nearest_km,
            case
                when coarse_nearest.nearest_km <= {{ coarse.holds_km }}
                    then coarse_nearest.nearest_km
            end,
            far_nearest.nearest_km
        ) as nearest_km
    from centroids
    left join within_reach on centroids.lsoa21_code = within_reach.lsoa21_code
    left join coarse_nearest on centroids.lsoa21_code = coarse_nearest.lsoa21_code
    left join far_nearest on centroids.lsoa21_code = far_nearest.lsoa21_code

),

garden_msoa21 as (

    -- Counts of addresses moved from MSOA 2011 to 2021 by each pair's share of the 2011 MSOA's
    -- people (as int_msoa21_tenure_2011_converted moves households), then the share recomputed;
    -- a 2021 MSOA with a 2011 part the workbook lacks gets none.
    select
        pairs.msoa21_code,
        100.0 * sum(garden.private_outdoor_space_address_count * pairs.msoa11_share)
        / nullif(sum(garden.address_count * pairs.msoa11_share), 0) as private_outdoor_space_pct
    from {{ ref('int_msoa11_to_msoa21_weighted') }} as pairs
    left join {{ ref('stg_ons__garden_space_msoa11') }} as garden
        on pairs.msoa11_code = garden.msoa11_code
    group by pairs.msoa21_code
    having count(garden.msoa11_code) = count(*)

),

final as (

    select
        lsoas.lsoa21_code,
        lsoas.ctry_name,
        lsoas.msoa21_code,
        lsoas.usual_residents,
        loneliness.lonely_at_least_some_of_the_time_pct,
        case
            when loneliness.lonely_at_least_some_of_the_time_pct is not null then 'modelled'
            else 'missing'
        end as lonely_at_least_some_of_the_time_pct_status,
        places_to_meet.places_count as places_to_meet_within_reach_count,
        case
            when places_to_meet.places_count is not null then 'observed' else 'missing'
        end as places_to_meet_within_reach_count_status,
        places_to_meet.community_places_count as community_places_within_reach_count,
        case
            when places_to_meet.community_places_count is not null then 'observed' else 'missing'
        end as community_places_within_reach_count_status,
        places_to_meet.libraries_count as open_libraries_within_reach_count,
        case
            when places_to_meet.libraries_count is not null then 'observed' else 'missing'
        end as open_libraries_within_reach_count_status,
        1000.0 * places_to_meet.places_count / nullif(lsoas.usual_residents, 0)
            as places_to_meet_within_reach_per_1k,
        case
            when places_to_meet.places_count is not null and lsoas.usual_residents > 0
                then 'observed'
            else 'missing'
        end as places_to_meet_within_reach_per_1k_status,
        places_to_meet.nearest_km as nearest_place_to_meet_km,
        case
            when places_to_meet.nearest_km is not null then 'observed' else 'missing'
        end as nearest_place_to_meet_km_status,
        garden_msoa21.private_outdoor_space_pct,
        case
            when garden_msoa21.private_outdoor_space_pct is not null then 'from_msoa'
            else 'missing'
        end as private_outdoor_space_pct_status
    from lsoas
    left join loneliness on lsoas.lsoa21_code = loneliness.lsoa21_code
    left join places_to_meet on lsoas.lsoa21_code = places_to_meet.lsoa21_code
    left join garden_msoa21 on lsoas.msoa21_code = garden_msoa21.msoa21_code

)

select * from final
