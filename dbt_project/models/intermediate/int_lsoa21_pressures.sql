{#- Each pressure per LSOA 2021 of England: the mean of its indicators' normal scores (equal
    weights within a pressure), ranked over England and exponentially transformed as the IoD
    transforms its domain ranks; and, for the sensitivity test, the same built from z-scores. -#}
with

scores as (

    select * from {{ ref('int_lsoa21_pressure_indicator_scores') }}

),

pressure_scores as (

    select
        lsoa21_code,
        pressure,
        avg(normal_score) as pressure_score,
        avg(z_score) as pressure_z_mean,
        count(*) as indicators_used
    from scores
    group by lsoa21_code, pressure

),

ranked as (

    select
        *,
        row_number() over (
            partition by pressure order by pressure_score desc, lsoa21_code asc
        ) as pressure_rank,
        count(*) over (partition by pressure) as lsoas_ranked,
        -- The mean of z-scores is narrower than a z-score; standardised again so that every
        -- pressure weighs alike in the z-score variant of the composite.
        (pressure_z_mean - avg(pressure_z_mean) over (partition by pressure))
        / nullif(stddev_pop(pressure_z_mean) over (partition by pressure), 0) as pressure_z
    from pressure_scores

),

final as (

    select
        lsoa21_code,
        pressure,
        pressure_score,
        cast(indicators_used as integer) as indicators_used,
        cast(pressure_rank as integer) as pressure_rank,
        lsoas_ranked,
        {{ rank_to_decile('pressure_rank', 'lsoas_ranked') }} as pressure_decile,
        {{ exponential_transform('pressure_rank', 'lsoas_ranked') }} as pressure_transformed,
        pressure_z
    from ranked

)

select * from final
