{#- Places to meet, per LSOA 2021 in England and Wales. Each measure has a status column saying
    where the value comes from, because the sources cover different areas:
    - nearest_open_library_km: from the LSOA centroid (geometric, not population-weighted) to the
      nearest library open in the 2016 DCMS list or in the Greater Manchester list, England only,
      on the same land: an LSOA on an island with no fixed link (macro offshore_island_districts)
      is measured to the island's own libraries only, and the mainland never to an island's, so no
      distance crosses the sea; an island without a listed library says so instead of a number.
    - assets in the LSOA (active GP practices, registered charities, libraries open in 2023) are
      placed by postcode, so they are counted only where the postcode directory covers the LSOA
      (everywhere online with ONSPD; only Trafford offline). Elsewhere they are null, not zero.
    - rates per 10,000 residents are for the LSOA's local authority: libraries open in 2023 for the
      library authority (county or unitary), pubs and bars in 2018 for the district, and the change
      in pubs since 2001.
    The score: the mean of three z-scores over English LSOAs, each equal-weighted - minus the
    library distance, libraries per 10k and pubs per 10k; higher = more places to meet, and rank 1
    is the thinnest social infrastructure. -#}
{%- set islands = offshore_island_districts() %}
with

geography as (

    select * from {{ ref('dim_lsoa21') }}

),

residents as (

    select * from {{ ref('int_lsoa21_residents') }}

),

land as (

    -- The land an LSOA is on: its district if that is an island without a fixed link.
    select
        lsoa21_code,
        lad24_code in ({{ "'" ~ islands.keys() | join("', '") ~ "'" }}) as is_offshore_island,
        case
            when lad24_code in ({{ "'" ~ islands.keys() | join("', '") ~ "'" }}) then lad24_code
            else 'mainland'
        end as land_code
    from geography

),

centroids as (

    select geography.lsoa21_code, centroid.latitude, centroid.longitude, land.land_code
    from geography
    inner join {{ ref('stg_drkane__lsoa_latlong') }} as centroid
        on geography.lsoa21_code = centroid.area_code
    inner join land on geography.lsoa21_code = land.lsoa21_code

),

library_land as (

    -- A library's land from the LSOA its point falls in; a point no boundary holds (on a
    -- generalised coastline) is taken to be on the mainland.
    select points.point_kind, points.point_id, land.land_code
    from {{ ref('int_points_in_lsoa21') }} as points
    inner join land on points.lsoa21_code = land.lsoa21_code
    where points.point_kind in ('library_2016', 'library_gm')

),

open_libraries as (

    select
        libraries.library_name,
        libraries.latitude,
        libraries.longitude,
        coalesce(library_land.land_code, 'mainland') as land_code
    from {{ ref('stg_dcms__libraries_2016_geocoded') }} as libraries
    left join library_land
        on library_land.point_kind = 'library_2016'
        and cast(libraries.library_id as varchar) = library_land.point_id
    where libraries.is_open_2016 and libraries.latitude is not null
    union all
    select
        libraries.library_name,
        libraries.latitude,
        libraries.longitude,
        coalesce(library_land.land_code, 'mainland') as land_code
    from {{ ref('stg_trafforddatalab__gm_libraries') }} as libraries
    left join library_land
        on library_land.point_kind = 'library_gm'
        and libraries.library_name = library_land.point_id
    where libraries.latitude is not null

),

library_cells as (

    -- Each library in its grid cell and the eight around it, on a fine grid (0.1 degrees) and on
    -- the search window's (0.6 degrees of latitude by 1.0 of longitude): a library near a centroid
    -- is then in the centroid's own cell, so each search is an equality join on the cell.
    select
        grid.cell_degrees,
        open_libraries.*,
        floor(open_libraries.latitude / grid.lat_degrees) + lat_steps.lat_step as lat_cell,
        floor(open_libraries.longitude / grid.lon_degrees) + lon_steps.lon_step as lon_cell
    from open_libraries
    cross join (
        select
            'fine' as cell_degrees,
            0.1 as lat_degrees,
            0.1 as lon_degrees
        union all
        select
            'window' as cell_degrees,
            0.6 as lat_degrees,
            1.0 as lon_degrees
    ) as grid
    cross join (select unnest([-1, 0, 1]) as lat_step) as lat_steps
    cross join (select unnest([-1, 0, 1]) as lon_step) as lon_steps

),

nearest_within_6km as (

    -- The fine cells around a centroid hold every library within 6 km of it (0.1 degrees of
    -- longitude is more than 6 km up to 55.9 degrees north, beyond England), so a nearest library
    -- found there at 6 km or less is the nearest of all. Most LSOAs end here; comparing every
    -- LSOA with every library of the wide window cost 5 s of the refresh.
    select
        centroids.lsoa21_code,
        min({{ haversine_km('centroids.latitude', 'centroids.longitude',
                            'library_cells.latitude', 'library_cells.longitude') }})
            as nearest_open_library_km,
        -- Libraries at one point (a shared building, one postcode) tie: the first name wins, so
        -- every refresh names the same one.
        arg_min(
            library_cells.library_name,
            ({{ haversine_km('centroids.latitude', 'centroids.longitude',
                             'library_cells.latitude', 'library_cells.longitude') }},
             library_cells.library_name)
        ) as nearest_open_library_name
    from centroids
    inner join library_cells
        on library_cells.cell_degrees = 'fine'
        and centroids.land_code = library_cells.land_code
        and floor(centroids.latitude / 0.1) = library_cells.lat_cell
        and floor(centroids.longitude / 0.1) = library_cells.lon_cell
    group by centroids.lsoa21_code
    having min({{ haversine_km('centroids.latitude', 'centroids.longitude',
                               'library_cells.latitude', 'library_cells.longitude') }}) <= 6.0

),

nearest_library as (

    select * from nearest_within_6km
    union all
    -- The rest against the libraries within about 0.6 degrees of latitude and 1.0 of longitude;
    -- a centroid with none in range has no nearest library (said in its status).
    select
        centroids.lsoa21_code,
        min({{ haversine_km('centroids.latitude', 'centroids.longitude',
                            'library_cells.latitude', 'library_cells.longitude') }})
            as nearest_open_library_km,
        -- Libraries at one point (a shared building, one postcode) tie: the first name wins, so
        -- every refresh names the same one.
        arg_min(
            library_cells.library_name,
            ({{ haversine_km('centroids.latitude', 'centroids.longitude',
                             'library_cells.latitude', 'library_cells.longitude') }},
             library_cells.library_name)
        ) as nearest_open_library_name
    from centroids
    inner join library_cells
        on library_cells.cell_degrees = 'window'
        and centroids.land_code = library_cells.land_code
        and floor(centroids.latitude / 0.6) = library_cells.lat_cell
        and floor(centroids.longitude / 1.0) = library_cells.lon_cell
        and abs(library_cells.latitude - centroids.latitude) < 0.6
        and abs(library_cells.longitude - centroids.longitude) < 1.0
    where centroids.lsoa21_code not in (select near.lsoa21_code from nearest_within_6km as near)
    group by centroids.lsoa21_code

),

postcodes as (

    select * from {{ ref('int_postcodes_unioned') }}

),

boundary_coverage as (

    select lsoa21_code from {{ ref('stg_trafforddatalab__gm_lsoa21_boundaries') }}

),

libraries_by_point as (

    -- The Greater Manchester list is current; the 2016 list is not counted here, so a library in
    -- both is not counted twice.
    select lsoa21_code, count(*) as libraries
    from {{ ref('int_points_in_lsoa21') }}
    where point_kind = 'library_gm'
    group by lsoa21_code

),

postcode_coverage as (

    select lsoa21_code, count(*) as postcodes from postcodes group by lsoa21_code

),

gp_practices as (

    select postcodes.lsoa21_code, count(*) as gp_practices
    from {{ ref('stg_nhs_ods__epraccur') }} as practices
    inner join postcodes on practices.postcode = postcodes.postcode
    where practices.is_active_gp_practice
    group by postcodes.lsoa21_code

),

charities as (

    select postcodes.lsoa21_code, count(*) as charities
    from {{ ref('stg_trafforddatalab__charities_trafford') }} as charities
    inner join postcodes on charities.postcode = postcodes.postcode
    group by postcodes.lsoa21_code

),

libraries_2023 as (

    select * from {{ ref('stg_acearts__libraries_2023') }}
    where is_open_2023 and library_type in ('static library', 'static local history library')

),

libraries_in_lsoa as (

    select postcodes.lsoa21_code, count(*) as libraries
    from libraries_2023
    inner join postcodes on libraries_2023.postcode = postcodes.postcode
    group by postcodes.lsoa21_code

),

library_authorities as (

    -- The 2023 list names library authorities (counties and unitaries): matched to the upper
    -- tier of each LSOA by name.
    select geography.utla23_code, count(distinct libraries_2023.source_row_number) as libraries
    from libraries_2023
    inner join (select distinct utla23_code, utla23_name from geography) as geography
        on lower(libraries_2023.authority_name) = lower(geography.utla23_name)
    group by geography.utla23_code

),

utla_residents as (

    select geography.utla23_code, sum(residents.usual_residents) as usual_residents
    from geography
    inner join residents on geography.lsoa21_code = residents.lsoa21_code
    group by geography.utla23_code

),

pubs as (

    -- Pubs are counted on the districts of their year; summed onto the 2023 districts.
    select
        local_authorities.lad23_code,
        sum(pubs.pubs_2001) as pubs_2001,
        sum(pubs.pubs_2018) as pubs_2018
    from {{ ref('stg_ons__pubs_bars_by_la') }} as pubs
    inner join {{ ref('int_local_authorities') }} as local_authorities
        on pubs.area_code = local_authorities.lad_code
    group by local_authorities.lad23_code

),

lad_residents as (

    select lad23_code, sum(usual_residents) as usual_residents from residents group by lad23_code

),

indicators as (

    select
        geography.lsoa21_code,
        geography.lsoa21_name,
        geography.lad23_code,
        geography.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        geography.ctry_name,
        residents.usual_residents,
        land.is_offshore_island,
        case when geography.ctry_name = 'England' then nearest_library.nearest_open_library_km end
            as nearest_open_library_km,
        case when geography.ctry_name = 'England' then nearest_library.nearest_open_library_name end
            as nearest_open_library_name,
        case
            when geography.ctry_name <> 'England'
                then 'not covered (library lists are England only)'
            when nearest_library.nearest_open_library_km is null and land.is_offshore_island
                then 'no library listed on the island (not measured across the sea)'
            when nearest_library.nearest_open_library_km is null then 'no library within range'
            else 'observed (centroid to nearest open library)'
        end as library_distance_status,
        case
            when postcode_coverage.postcodes is not null
                then coalesce(gp_practices.gp_practices, 0)
        end as gp_practices,
        case
            when postcode_coverage.postcodes is not null
                then coalesce(charities.charities, 0)
        end as charities,
        case
            when postcode_coverage.postcodes is not null
                then coalesce(libraries_in_lsoa.libraries, 0)
        end as libraries_2023,
        case
            when postcode_coverage.postcodes is not null then 'observed (placed by postcode)'
            else 'not placed (no postcode directory loaded for this area)'
        end as assets_in_lsoa_status,
        case
            when boundary_coverage.lsoa21_code is not null
                then coalesce(libraries_by_point.libraries, 0)
        end as gm_libraries_in_lsoa,
        case
            when boundary_coverage.lsoa21_code is not null
                then 'observed (point in LSOA boundary)'
            else 'not placed (no LSOA boundary loaded for this area)'
        end as gm_libraries_in_lsoa_status,
        10000.0 * library_authorities.libraries / nullif(utla_residents.usual_residents, 0)
            as library_authority_libraries_per_10k,
        case
            when library_authorities.libraries is not null then 'observed (library authority)'
            else 'missing (authority not matched in the 2023 list)'
        end as libraries_per_10k_status,
        10000.0 * pubs.pubs_2018 / nullif(lad_residents.usual_residents, 0)
            as lad_pubs_2018_per_10k,
        100.0 * (pubs.pubs_2018 - pubs.pubs_2001) / nullif(pubs.pubs_2001, 0)
            as lad_pubs_change_2001_2018_pct,
        case
            when pubs.pubs_2018 is not null then 'observed (district, 2018 residents 2021)'
            else 'missing (no 2018 count for the district: absent or suppressed)'
        end as pubs_status
    from geography
    left join residents on geography.lsoa21_code = residents.lsoa21_code
    left join nearest_library on geography.lsoa21_code = nearest_library.lsoa21_code
    left join land on geography.lsoa21_code = land.lsoa21_code
    left join postcode_coverage on geography.lsoa21_code = postcode_coverage.lsoa21_code
    left join gp_practices on geography.lsoa21_code = gp_practices.lsoa21_code
    left join charities on geography.lsoa21_code = charities.lsoa21_code
    left join libraries_in_lsoa on geography.lsoa21_code = libraries_in_lsoa.lsoa21_code
    left join boundary_coverage on geography.lsoa21_code = boundary_coverage.lsoa21_code
    left join libraries_by_point on geography.lsoa21_code = libraries_by_point.lsoa21_code
    left join library_authorities on geography.utla23_code = library_authorities.utla23_code
    left join utla_residents on geography.utla23_code = utla_residents.utla23_code
    left join pubs on geography.lad23_code = pubs.lad23_code
    left join lad_residents on geography.lad23_code = lad_residents.lad23_code

),

scored as (

    select
        *,
        case when ctry_name = 'England' then (
            -(nearest_open_library_km - avg(nearest_open_library_km) over (partition by ctry_name))
                / nullif(stddev_pop(nearest_open_library_km) over (partition by ctry_name), 0)
            + (library_authority_libraries_per_10k
                - avg(library_authority_libraries_per_10k) over (partition by ctry_name))
                / nullif(
                    stddev_pop(library_authority_libraries_per_10k) over (partition by ctry_name), 0
                )
            + (lad_pubs_2018_per_10k - avg(lad_pubs_2018_per_10k) over (partition by ctry_name))
                / nullif(stddev_pop(lad_pubs_2018_per_10k) over (partition by ctry_name), 0)
        ) / 3.0 end as social_infrastructure_score
    from indicators

),

final as (

    select
        *,
        case
            when social_infrastructure_score is not null
                then rank() over (order by social_infrastructure_score asc nulls last)
        end as social_infrastructure_rank
    from scored

)

select * from final
