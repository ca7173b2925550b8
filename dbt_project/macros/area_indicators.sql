{#- The LSOA 2021 indicators (int_lsoa21_indicators) rolled up to the areas of `code_column`:
    counts summed; rates as ratios of the summed counts (the same as a weighted mean of the LSOA
    rates, weighted by their denominators); scores and distances as means weighted by Census 2021
    usual residents; grants as all those placed in the area (int_grants_by_area: in one of its
    LSOAs or in a whole district within it); the number of LSOAs, and the share of them in each national IMD decile
    (2019, converted to LSOA 2021, and 2025; England only, null elsewhere). `extra_filter` keeps
    part of the rows (e.g. one nation). `relation` reads another relation with the same columns
    instead (a CTE of the calling model that adds a geography, such as the 2024 wards). -#}
{% macro area_indicators(code_column, name_column, extra_filter='true', relation=none) -%}
    select
        {{ code_column }} as area_code,
        min({{ name_column }}) as area_name,
        count(*) as lsoa_count,
        cast(sum(usual_residents) as bigint) as usual_residents,
        cast(sum(households) as bigint) as households,
        cast(sum(private_rented_households) as bigint) as private_rented_households,
        cast(sum(social_rented_households) as bigint) as social_rented_households,
        100.0 * sum(private_rented_households) / nullif(sum(households), 0) as private_rented_pct,
        100.0 * sum(social_rented_households) / nullif(sum(households), 0) as social_rented_pct,
        1000.0 * sum(moved_in_last_year) / nullif(sum(residents_aged_1_plus), 0)
            as moved_in_last_year_per_1k,
        {%- for column in ['imd2019_score', 'transience_score', 'social_infrastructure_score',
            'nearest_open_library_km', 'arrived_in_uk_under_5y_pct'] %}
        sum({{ column }} * usual_residents)
            / nullif(sum(case when {{ column }} is not null then usual_residents end), 0)
            as {{ column }}{{ '_mean' if column.endswith('score') else '' }},
        {%- endfor %}
        -- Practices are placed by postcode, so only where a postcode directory covers every LSOA
        -- of the area is their sum the area's count; a partial sum would pass for a total.
        case when count(gp_practices) = count(*) then cast(sum(gp_practices) as bigint) end
            as gp_practices,
        -- Grants placed anywhere in the area, in one of its LSOAs or in the whole of a district
        -- within it (int_grants_by_area), per Census 2021 resident: the one definition of grants
        -- per head.
        coalesce((
            select count(*) from {{ ref('int_grants_by_area') }} as placed
            where placed.{{ code_column }} = area_lsoas.{{ code_column }}
        ), 0) as grants,
        coalesce((
            select sum(placed.amount_gbp) from {{ ref('int_grants_by_area') }} as placed
            where placed.{{ code_column }} = area_lsoas.{{ code_column }}
        ), 0) as grants_amount_gbp,
        coalesce((
            select sum(placed.amount_gbp) from {{ ref('int_grants_by_area') }} as placed
            where placed.{{ code_column }} = area_lsoas.{{ code_column }}
        ), 0) / nullif(sum(usual_residents), 0) as grants_amount_per_head_gbp,
        {%- for year in ['2019', '2025'] %}
        {%- for decile in range(1, 11) %}
        case when count(imd{{ year }}_decile) > 0 then
            avg(case when imd{{ year }}_decile is not null then
                (imd{{ year }}_decile = {{ decile }})::int end)
        end as imd{{ year }}_decile_{{ decile }}_share,
        {%- endfor %}
        {%- endfor %}
        count(imd2019_decile) as lsoas_with_imd
    from {{ relation if relation is not none else ref('int_lsoa21_indicators') }} as area_lsoas
    where {{ code_column }} is not null and {{ extra_filter }}
    group by {{ code_column }}
{%- endmacro %}
