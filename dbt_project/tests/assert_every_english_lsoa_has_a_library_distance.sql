{#- Every English LSOA has its distance to the nearest library, but an island with no fixed link
    and no listed library of its own: there the distance would cross the sea, so it is absent and
    its status says why. -#}
select lsoa21_code
from {{ ref('fct_lsoa21_social_infrastructure') }}
where
    ctry_name = 'England'
    and (
        (nearest_open_library_km is null and not is_offshore_island)
        or (nearest_open_library_km is null) <> (library_distance_status not like 'observed%')
    )
