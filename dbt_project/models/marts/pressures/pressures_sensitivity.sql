{#- How robust each neighbourhood's place in the composite's worst decile is: in how many of the
    sensitivity runs (int_pressure_sensitivity_runs) it is in the worst decile. -#}
with

pressures as (

    select * from {{ ref('fct_lsoa21_pressures') }}
    where composite_rank is not null

),

runs as (

    select * from {{ ref('int_pressure_sensitivity_runs') }}
    where variant != 'baseline'

),

in_worst_decile as (

    select
        unnest(worst_decile_lsoas) as lsoa21_code,
        variant
    from runs

),

counted as (

    select
        lsoa21_code,
        count(*) filter (where variant = 'random_weights') as random_weight_runs,
        count(*) filter (where variant = 'z_scores') as z_score_runs,
        count(*) filter (where variant like 'without_%') as leave_one_out_runs,
        count(*) as all_runs
    from in_worst_decile
    group by lsoa21_code

),

run_counts as (

    select
        count(*) filter (where variant = 'random_weights') as random_weight_total,
        count(*) filter (where variant like 'without_%') as leave_one_out_total,
        count(*) as all_total
    from runs

),

final as (

    select
        pressures.lsoa21_code,
        pressures.lsoa21_name,
        pressures.lad23_code,
        pressures.lad23_name,
        pressures.lad24_code,
        pressures.lad24_name,
        pressures.composite_rank,
        pressures.composite_decile,
        cast(coalesce(counted.random_weight_runs, 0) as integer)
            as random_weight_runs_in_worst_decile,
        100.0 * coalesce(counted.random_weight_runs, 0) / run_counts.random_weight_total
            as random_weight_worst_decile_pct,
        coalesce(counted.z_score_runs, 0) > 0 as z_score_in_worst_decile,
        cast(coalesce(counted.leave_one_out_runs, 0) as integer)
            as leave_one_out_runs_in_worst_decile,
        100.0 * coalesce(counted.all_runs, 0) / run_counts.all_total as all_runs_worst_decile_pct
    from pressures
    cross join run_counts
    left join counted on pressures.lsoa21_code = counted.lsoa21_code

)

select * from final
