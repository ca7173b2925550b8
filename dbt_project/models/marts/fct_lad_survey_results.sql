{#- Survey results for local authority districts, long: one row per district, source, indicator,
    measure and period. Two sources: the ONS subnational indicators explorer (Annual Population
    Survey well-being means and the other Levelling Up indicators, latest period, no confidence
    limits) and ONS's well-being dataset (every year since 2011-12, each estimate with its 95%
    confidence limits and data marking). A current district the publisher left out of an indicator
    and period it published for other districts of its type (E06, E07, ...) appears with no value and
    status 'suppressed', as does an estimate the publisher suppressed, so a missing value is never
    silent. -#}
with

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

published_rows as (

    select
        'ons__subnational_indicators' as source_id,
        area_code, area_name, indicator, category, period, measure, unit, value,
        median_absolute_deviations,
        null::double as lower_limit,
        null::double as upper_limit,
        null::varchar as data_marking
    from {{ ref('stg_ons__subnational_indicators') }}
    where regexp_matches(area_code, '^(E0[6789]|W06|S12|N09)')
    union all
    select
        'ons__wellbeing_local_authority' as source_id,
        area_code, area_name, indicator, category, period, measure, unit, value,
        null::double as median_absolute_deviations,
        lower_limit,
        upper_limit,
        data_marking
    from {{ ref('stg_ons__wellbeing_local_authority') }}
    where regexp_matches(area_code, '^(E0[6789]|W06|S12|N09)')

),

results as (

    -- The file once labels Buckinghamshire with West Northamptonshire's code (E06000062): where
    -- a code's ONS name is not the row's name and the name is one district's, the name wins.
    select
        coalesce(by_name.lad_code, published_rows.area_code) as area_code,
        published_rows.* exclude (area_code),
        by_name.lad_code is not null as code_repaired
    from published_rows
    left join local_authorities as by_code on published_rows.area_code = by_code.lad_code
    left join (
        select lad_name, min(lad_code) as lad_code
        from local_authorities
        group by lad_name
        having count(*) = 1
    ) as by_name
        on published_rows.area_name = by_name.lad_name
        and by_code.lad_name is distinct from published_rows.area_name
        and published_rows.area_code <> by_name.lad_code

),

published as (

    select
        source_id,
        indicator,
        measure,
        period,
        -- By district type (E06, E07, ...), not nation: an indicator published for unitary
        -- authorities and counties only is not published for shire districts (E07) at all, and
        -- those are not 'left out'.
        left(area_code, 3) as district_type,
        any_value(category) as category,
        any_value(unit) as unit
    from results
    group by source_id, indicator, measure, period, left(area_code, 3)

),

left_out as (

    select
        published.source_id,
        local_authorities.lad_code as area_code,
        local_authorities.lad_name as area_name,
        published.indicator,
        published.category,
        published.period,
        published.measure,
        published.unit,
        null::double as value,
        null::double as median_absolute_deviations,
        null::double as lower_limit,
        null::double as upper_limit,
        null::varchar as data_marking,
        false as code_repaired
    from published
    inner join local_authorities
        on published.district_type = left(local_authorities.lad_code, 3)
        and local_authorities.is_current
        and regexp_matches(local_authorities.lad_code, '^(E0[6789]|W06|S12|N09)')
    -- A district the publisher gave under a predecessor's code (e.g. Somerset's five districts)
    -- is published, not left out.
    anti join (
        select results.*, coalesce(codes.lad_current_code, results.area_code) as current_code
        from results
        left join local_authorities as codes on results.area_code = codes.lad_code
    ) as published_current
        on local_authorities.lad_code = published_current.current_code
        and published.source_id = published_current.source_id
        and published.indicator = published_current.indicator
        and published.measure = published_current.measure
        and published.period = published_current.period

),

unioned as (

    select source_id, area_code, area_name, indicator, category, period, measure, unit, value,
        median_absolute_deviations, lower_limit, upper_limit, data_marking, code_repaired
    from results
    union all
    select * from left_out

),

final as (

    select
        unioned.area_code as lad_code,
        unioned.area_name as lad_name,
        local_authorities.lad_current_code,
        unioned.indicator,
        unioned.category,
        unioned.period,
        unioned.measure,
        unioned.unit,
        unioned.value,
        unioned.lower_limit as value_lower_95ci,
        unioned.upper_limit as value_upper_95ci,
        unioned.median_absolute_deviations,
        unioned.data_marking,
        unioned.code_repaired,
        unioned.source_id,
        case when unioned.value is not null then 'observed' else 'suppressed' end as status
    from unioned
    left join local_authorities on unioned.area_code = local_authorities.lad_code

)

select * from final
