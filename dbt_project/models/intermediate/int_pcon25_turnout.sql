{#- General-election turnout per 2024 constituency of England and Wales: 2024 as declared, and
    2019 moved onto the 2024 boundaries by sharing each 2010 constituency's electorate and votes
    among the 2024 constituencies by population (the method and its checks are in the YAML). -#}
with

results_2024 as (

    select * from {{ ref('stg_hoc_library__ge2024_results') }}

),

results_2019 as (

    select * from {{ ref('stg_hoc_library__ge2019_results') }}

),

overlap as (

    select * from {{ ref('stg_mysociety__parl10_parl25_overlap') }}

),

codes as (

    select * from {{ ref('stg_open_innovations__parl25_codes') }}

),

shares as (

    -- A 2010 constituency's share in each 2024 one: its overlap population over their sum, which
    -- adds up to 1, so 2019's counts are only redistributed (the published share is rounded to
    -- 2 dp, and original_pop is more than the overlaps hold where a coast clips them). By area
    -- only if a 2010 constituency had nobody in its overlaps, which no real one has.
    select
        pcon10_code,
        parl25_code,
        coalesce(
            overlap_population
            / nullif(sum(overlap_population) over (partition by pcon10_code), 0),
            overlap_area_m2 / nullif(sum(overlap_area_m2) over (partition by pcon10_code), 0)
        ) as pcon10_share
    from overlap

),

notional_2019 as (

    select
        codes.pcon24_code,
        count(*) filter (where shares.pcon10_share > 0) as pcon10_source_count,
        sum(shares.pcon10_share * results_2019.electorate_count) as electorate_2019_notional_count,
        sum(
            shares.pcon10_share
            * (results_2019.valid_votes_count + results_2019.invalid_votes_count)
        ) as votes_cast_2019_notional_count
    from shares
    inner join results_2019 on shares.pcon10_code = results_2019.pcon10_code
    inner join codes on shares.parl25_code = codes.parl25_code
    group by codes.pcon24_code

),

turnout as (

    select
        results_2024.pcon24_code,
        results_2024.pcon24_name,
        codes.parl25_code,
        results_2024.rgn_code,
        results_2024.rgn_name,
        results_2024.ctry_name,
        results_2024.electorate_count as electorate_2024_count,
        results_2024.valid_votes_count as valid_votes_2024_count,
        results_2024.invalid_votes_count as invalid_votes_2024_count,
        results_2024.valid_votes_count + results_2024.invalid_votes_count
            as votes_cast_2024_count,
        -- Rejected ballots were cast: turnout counts them, as the House of Commons Library does.
        100.0 * (results_2024.valid_votes_count + results_2024.invalid_votes_count)
        / results_2024.electorate_count as turnout_2024_pct,
        notional_2019.pcon10_source_count,
        notional_2019.electorate_2019_notional_count,
        notional_2019.votes_cast_2019_notional_count,
        100.0 * notional_2019.votes_cast_2019_notional_count
        / notional_2019.electorate_2019_notional_count as turnout_2019_notional_pct
    from results_2024
    left join codes on results_2024.pcon24_code = codes.pcon24_code
    left join notional_2019 on results_2024.pcon24_code = notional_2019.pcon24_code
    where results_2024.pcon24_code like 'E%' or results_2024.pcon24_code like 'W%'

),

final as (

    select
        *,
        turnout_2024_pct - turnout_2019_notional_pct as turnout_change_pp
    from turnout

)

select * from final
