{#- Each grant placed in the LSOA 2021 spine, or at least in a current local authority, with the
    method that placed it. The beneficiary location (where the funded work happens) comes first, at
    the finest level the publisher gave; the recipient's postcode is a fallback and flagged as an
    address placement, because a charity's office is not necessarily where it works. -#}
with

grants as (

    select * from {{ ref('int_grants_deduplicated') }}

),

lsoa21 as (

    select lsoa21_code, msoa21_code, lad23_code from {{ ref('dim_lsoa21') }}

),

lsoa11_best_part as (

    -- A 2011 LSOA that was split goes to its most populous 2021 part: a grant is not divisible.
    select lsoa11_code, arg_max(lsoa21_code, lsoa11_share) as lsoa21_code
    from {{ ref('int_lsoa11_to_lsoa21_census_weighted') }}
    group by lsoa11_code

),

msoa21 as (

    select msoa21_code, any_value(lad23_code) as lad23_code from lsoa21 group by msoa21_code

),

ward23 as (

    select distinct ward23_code, lad23_code from {{ ref('dim_lsoa21') }}

),

ward19 as (

    select ward19_code, lad19_code from {{ ref('stg_ons__ward19_lad19') }}

),

local_authorities as (

    -- Placed on the 2023 districts of the spine, whatever the vintage of the code published.
    select lad_code, lad23_code as lad_current_code from {{ ref('int_local_authorities') }}

),

listed_authorities as (

    -- A grant may list several locations (e.g. a 2004 ward no longer in any lookup, and its
    -- district): a listed code that is a local authority of any vintage places it at that level.
    -- A grant listing two or more different districts is not given to one of them: it falls
    -- through to the next rule (none of the real files has one).
    select listed.grant_id, min(local_authorities.lad_current_code) as lad_current_code
    from (
        select
            grant_id,
            unnest(from_json(beneficiary_locations_json, '[{"geoCode": "VARCHAR"}]'))."geoCode"
                as geo_code
        from grants
        where beneficiary_locations_json is not null
    ) as listed
    inner join local_authorities on upper(trim(listed.geo_code)) = local_authorities.lad_code
    group by listed.grant_id
    having count(distinct local_authorities.lad_current_code) = 1

),

by_beneficiary as (

    select
        grants.grant_id,
        case
            when lsoa21.lsoa21_code is not null then lsoa21.lsoa21_code
            when lsoa11_best_part.lsoa21_code is not null then lsoa11_best_part.lsoa21_code
        end as lsoa21_code,
        coalesce(
            lsoa21.lad23_code,
            (
                select l.lad23_code from lsoa21 as l
                where l.lsoa21_code = lsoa11_best_part.lsoa21_code
            ),
            msoa21.lad23_code,
            ward23.lad23_code,
            ward_la.lad_current_code,
            local_authorities.lad_current_code,
            listed_authorities.lad_current_code
        ) as lad_code,
        case
            when lsoa21.lsoa21_code is not null then 'beneficiary lsoa21'
            when lsoa11_best_part.lsoa21_code is not null then 'beneficiary lsoa11, converted'
            when msoa21.msoa21_code is not null then 'beneficiary msoa21'
            when ward23.ward23_code is not null then 'beneficiary ward23'
            when ward_la.lad_current_code is not null then 'beneficiary ward19'
            when local_authorities.lad_current_code is not null then 'beneficiary local authority'
            when listed_authorities.lad_current_code is not null
                then 'beneficiary local authority (other listed location)'
        end as location_method
    from grants
    left join lsoa21 on grants.beneficiary_geo_code = lsoa21.lsoa21_code
    left join lsoa11_best_part
        on grants.beneficiary_geo_code = lsoa11_best_part.lsoa11_code
        and lsoa21.lsoa21_code is null
    left join msoa21 on grants.beneficiary_geo_code = msoa21.msoa21_code
    left join ward23 on grants.beneficiary_geo_code = ward23.ward23_code
    left join ward19 on grants.beneficiary_geo_code = ward19.ward19_code
    left join local_authorities as ward_la on ward19.lad19_code = ward_la.lad_code
    left join local_authorities on grants.beneficiary_geo_code = local_authorities.lad_code
    left join listed_authorities on grants.grant_id = listed_authorities.grant_id

),

postcodes as (

    select postcode, lsoa21_code, lad_code from {{ ref('int_postcodes_unioned') }}

),

centroids as (

    select lsoa21.lsoa21_code, centroid.latitude, centroid.longitude
    from {{ ref('stg_drkane__lsoa_latlong') }} as centroid
    inner join lsoa21 on centroid.area_code = lsoa21.lsoa21_code

),

in_boundary as (

    select point_id as grant_id, lsoa21_code
    from {{ ref('int_points_in_lsoa21') }}
    where point_kind = 'grant'

),

nearest_centroid as (

    -- Only for grants with a point and nothing finer: the nearest LSOA centroid is a poor
    -- stand-in for point-in-polygon, so it is flagged as such.
    select
        grants.grant_id,
        arg_min(
            centroids.lsoa21_code,
            {{ haversine_km('grants.beneficiary_latitude', 'grants.beneficiary_longitude',
                            'centroids.latitude', 'centroids.longitude') }}
        ) as lsoa21_code
    from grants
    inner join by_beneficiary on grants.grant_id = by_beneficiary.grant_id
    cross join centroids
    where by_beneficiary.location_method is null
        and grants.grant_id not in (select in_boundary.grant_id from in_boundary)
        and grants.beneficiary_latitude is not null
        and grants.beneficiary_longitude is not null
    group by grants.grant_id

),

final as (

    select
        grants.*,
        case
            when by_beneficiary.location_method is not null then by_beneficiary.lsoa21_code
            when postcode_lsoa.lsoa21_code is not null then postcode_lsoa.lsoa21_code
            else coalesce(in_boundary.lsoa21_code, nearest_centroid.lsoa21_code)
        end as lsoa21_code,
        case
            when by_beneficiary.location_method is not null then by_beneficiary.lad_code
            when postcode_lsoa.lsoa21_code is not null then postcode_lsoa.lad23_code
            when postcodes.lad_code is not null then postcode_la.lad_current_code
            else (select l.lad23_code from lsoa21 as l
                  where l.lsoa21_code
                      = coalesce(in_boundary.lsoa21_code, nearest_centroid.lsoa21_code))
        end as lad_code,
        case
            when by_beneficiary.location_method is not null then by_beneficiary.location_method
            when postcode_lsoa.lsoa21_code is not null
                or postcode_la.lad_current_code is not null then 'recipient postcode (address)'
            when in_boundary.lsoa21_code is not null then 'beneficiary point, in lsoa boundary'
            when nearest_centroid.lsoa21_code is not null then 'beneficiary point, nearest centroid'
            else 'not placed'
        end as location_method
    from grants
    inner join by_beneficiary on grants.grant_id = by_beneficiary.grant_id
    left join postcodes on grants.recipient_postcode_normalised = postcodes.postcode
    left join lsoa21 as postcode_lsoa on postcodes.lsoa21_code = postcode_lsoa.lsoa21_code
    left join local_authorities as postcode_la on postcodes.lad_code = postcode_la.lad_code
    left join in_boundary on grants.grant_id = in_boundary.grant_id
    left join nearest_centroid on grants.grant_id = nearest_centroid.grant_id

)

select * from final
