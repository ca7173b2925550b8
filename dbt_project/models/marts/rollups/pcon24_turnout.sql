{#- General-election turnout per Westminster constituency of July 2024 (England and Wales): 2024
    as declared, the 2019 turnout moved onto the 2024 boundaries, and the change; whether the
    constituency has a loaded boundary to map it by. The democracy pressure's constituency figures,
    published at the grain they were measured at. -#}
with

turnout as (

    select * from {{ ref('int_pcon25_turnout') }}

),

boundaries as (

    select pcon24_code from {{ ref('stg_ons__pcon24_boundaries') }}

),

final as (

    select
        turnout.pcon24_code,
        turnout.pcon24_name,
        turnout.rgn_code,
        turnout.rgn_name,
        turnout.ctry_name,
        turnout.electorate_2024_count,
        turnout.votes_cast_2024_count,
        turnout.turnout_2024_pct,
        turnout.turnout_2019_notional_pct,
        turnout.turnout_change_pp,
        boundaries.pcon24_code is not null as has_boundary
    from turnout
    left join boundaries on turnout.pcon24_code = boundaries.pcon24_code

)

select * from final
