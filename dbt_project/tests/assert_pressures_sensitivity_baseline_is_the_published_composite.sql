{#- Run 0 of the sensitivity test recomputes the composite in Python with equal weights: its worst
    decile must be exactly the published composite's, or the test would be measuring another
    index. A row here is an LSOA in one worst decile and not the other. -#}
with

baseline as (

    select unnest(worst_decile_lsoas) as lsoa21_code
    from {{ ref('int_pressure_sensitivity_runs') }}
    where variant = 'baseline'

),

published as (

    select lsoa21_code
    from {{ ref('fct_lsoa21_pressures') }}
    where composite_decile = 1

),

baseline_only as (

    select lsoa21_code from baseline
    except
    select lsoa21_code from published

),

published_only as (

    select lsoa21_code from published
    except
    select lsoa21_code from baseline

)

select lsoa21_code, 'baseline only' as found_in from baseline_only
union all
select lsoa21_code, 'published only' as found_in from published_only
