{#- Each indicator of the five pressures made comparable with the others, over the LSOAs 2021 of
    England (where every pressure is measured): turned so that higher means more pressure, ranked,
    and the rank turned into a normal score, as the IoD combines its indicators within a domain
    (IoD2019 Technical Report, section 3.5); also the plain z-score, for the sensitivity test. Tied
    values share the average of their ranks, so the score never depends on code order. -#}
with

indicator_values as (

    select * from {{ ref('int_lsoa21_pressure_indicator_values') }}
    where lsoa21_code like 'E01%'

),

oriented as (

    select
        *,
        case when direction = 'higher' then indicator_value else -indicator_value end
            as pressure_value
    from indicator_values

),

ranked as (

    select
        *,
        rank() over (partition by indicator order by pressure_value)
        + (count(*) over (partition by indicator, pressure_value) - 1) / 2.0
            as rank_ascending,
        count(*) over (partition by indicator) as lsoas_with_value,
        (pressure_value - avg(pressure_value) over (partition by indicator))
        / nullif(stddev_pop(pressure_value) over (partition by indicator), 0) as z_score
    from oriented

),

final as (

    select
        lsoa21_code,
        pressure,
        indicator,
        indicator_value,
        value_status,
        lsoas_with_value,
        rank_ascending,
        {{ normal_quantile('(rank_ascending - 0.5) / lsoas_with_value') }} as normal_score,
        z_score
    from ranked

)

select * from final
