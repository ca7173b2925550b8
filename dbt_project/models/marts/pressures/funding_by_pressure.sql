{#- Is the money reaching the places where the pressures coincide? Money per head of the residents
    a funder's files cover, by the composite's decile and by the number of pressures in their
    worst quintile, for all funders and for each: grants placed in an English LSOA 2021, and Arts
    Council allocations to local authorities spread over the authority's LSOAs by Census 2021
    residents. A funder counts only where its file accounts for everything it gave (catalog
    coverage_codes; the Arts Council programmes cover England): elsewhere its figure is
    'not_covered', never an observed zero, and a funder none of whose money could be placed in a
    neighbourhood is 'not_placed' (its figures null). Beside every figure, the share of the funder's money
    placed in a neighbourhood at all. -#}
{%- set coverage = source_coverage() %}
with

lsoas as (

    select
        pressures.lsoa21_code,
        pressures.composite_decile,
        pressures.pressures_in_worst_quintile,
        residents.usual_residents,
        geography.lad22_code,
        geography.lad23_code,
        geography.lad24_code,
        geography.utla23_code,
        geography.rgn_code,
        geography.ctry_code
    from {{ ref('fct_lsoa21_pressures') }} as pressures
    inner join {{ ref('int_lsoa21_residents') }} as residents
        on pressures.lsoa21_code = residents.lsoa21_code
    inner join {{ ref('dim_lsoa21') }} as geography
        on pressures.lsoa21_code = geography.lsoa21_code
    where pressures.composite_rank is not null

),

lsoa_groups as (

    select lsoa21_code, usual_residents, 'composite_decile' as grouping,
        composite_decile as group_value
    from lsoas
    union all
    select lsoa21_code, usual_residents, 'pressures_in_worst_quintile' as grouping,
        pressures_in_worst_quintile as group_value
    from lsoas

),

grants as (

    select funder_name, source_id, lsoa21_code, amount_gbp
    from {{ ref('fct_grants') }}
    where amount_gbp is not null

),

grant_funders as (

    select
        funder_name,
        'All grants' as money_kind,
        list(distinct source_id) as source_ids,
        sum(amount_gbp) as funder_amount_gbp,
        coalesce(sum(amount_gbp) filter (where lsoa21_code like 'E01%'), 0) as placed_amount_gbp
    from grants
    group by funder_name

),

grant_coverage as (

    -- The LSOAs each funder's files cover completely.
    select grant_funders.funder_name, lsoas.lsoa21_code
    from grant_funders
    cross join lsoas
    where
        false
        {%- for source_id, codes in coverage.items() %}
        or (list_contains(grant_funders.source_ids, '{{ source_id }}') and list_has_any(
            {{ codes }},
            [
                lsoas.lad22_code,
                lsoas.lad23_code,
                lsoas.lad24_code,
                lsoas.utla23_code,
                lsoas.rgn_code,
                lsoas.ctry_code, 'K02000001', 'K03000001', 'K04000001']
        ))
        {%- endfor %}

),

allocations as (

    select
        allocations.programme as funder_name,
        allocations.local_authority_code,
        allocations.amount_gbp
    from {{ ref('fct_lad_allocations') }} as allocations
    where allocations.amount_gbp is not null

),

allocation_lsoas as (

    -- An authority's allocation shared among its LSOAs by residents (district, else upper tier).
    select
        allocations.funder_name,
        lsoas.lsoa21_code,
        allocations.amount_gbp * lsoas.usual_residents
        / sum(lsoas.usual_residents) over (
            partition by allocations.funder_name, allocations.local_authority_code
        ) as amount_gbp
    from allocations
    inner join lsoas
        on allocations.local_authority_code in (lsoas.lad23_code, lsoas.utla23_code)

),

allocation_funders as (

    select
        allocations.funder_name,
        'All allocations' as money_kind,
        sum(allocations.amount_gbp) as funder_amount_gbp,
        (select sum(placed.amount_gbp) from allocation_lsoas as placed
            where placed.funder_name = allocations.funder_name) as placed_amount_gbp
    from allocations
    group by allocations.funder_name

),

money_by_lsoa as (

    select grants.funder_name, grants.lsoa21_code, sum(grants.amount_gbp) as amount_gbp,
        count(*) as grants
    from grants
    inner join grant_coverage
        on grants.funder_name = grant_coverage.funder_name
        and grants.lsoa21_code = grant_coverage.lsoa21_code
    group by grants.funder_name, grants.lsoa21_code
    union all
    select funder_name, lsoa21_code, sum(amount_gbp) as amount_gbp, 0 as grants
    from allocation_lsoas
    group by funder_name, lsoa21_code

),

coverage_all as (

    select funder_name, lsoa21_code from grant_coverage
    union all
    -- Each Arts Council programme covers England.
    select allocation_funders.funder_name, lsoas.lsoa21_code
    from allocation_funders
    cross join lsoas

),

funders as (

    select funder_name, money_kind, funder_amount_gbp, placed_amount_gbp from grant_funders
    union all
    select funder_name, money_kind, funder_amount_gbp, placed_amount_gbp
    from allocation_funders
    union all
    -- All grants, and all allocations, as one funder each.
    select
        kinds.money_kind as funder_name,
        kinds.money_kind,
        sum(kinds.funder_amount_gbp) as funder_amount_gbp,
        sum(kinds.placed_amount_gbp) as placed_amount_gbp
    from (
        select money_kind, funder_amount_gbp, placed_amount_gbp from grant_funders
        union all
        select money_kind, funder_amount_gbp, placed_amount_gbp from allocation_funders
    ) as kinds
    group by kinds.money_kind

),

covered_with_money as (

    select
        coverage_all.funder_name,
        funders.money_kind,
        coverage_all.lsoa21_code,
        coalesce(money_by_lsoa.amount_gbp, 0) as amount_gbp,
        coalesce(money_by_lsoa.grants, 0) as grants
    from coverage_all
    inner join funders on coverage_all.funder_name = funders.funder_name
    left join money_by_lsoa
        on coverage_all.funder_name = money_by_lsoa.funder_name
        and coverage_all.lsoa21_code = money_by_lsoa.lsoa21_code

),

by_funder as (

    select
        covered_with_money.funder_name,
        lsoa_groups.grouping,
        lsoa_groups.group_value,
        count(*) as lsoa21_count,
        sum(lsoa_groups.usual_residents) as covered_residents,
        sum(covered_with_money.grants) as grants,
        sum(covered_with_money.amount_gbp) as amount_gbp
    from covered_with_money
    inner join lsoa_groups on covered_with_money.lsoa21_code = lsoa_groups.lsoa21_code
    group by covered_with_money.funder_name, lsoa_groups.grouping, lsoa_groups.group_value

),

all_funders as (

    -- Every neighbourhood covered by at least one funder's complete files, and all their money.
    select
        lsoa_money.money_kind as funder_name,
        lsoa_groups.grouping,
        lsoa_groups.group_value,
        count(*) as lsoa21_count,
        sum(lsoa_groups.usual_residents) as covered_residents,
        sum(lsoa_money.grants) as grants,
        sum(lsoa_money.amount_gbp) as amount_gbp
    from (
        select money_kind, lsoa21_code, sum(grants) as grants, sum(amount_gbp) as amount_gbp
        from covered_with_money
        group by money_kind, lsoa21_code
    ) as lsoa_money
    inner join lsoa_groups on lsoa_money.lsoa21_code = lsoa_groups.lsoa21_code
    group by lsoa_money.money_kind, lsoa_groups.grouping, lsoa_groups.group_value

),

every_group as (

    -- Each funder in every group, covered or not, so a gap shows as 'not_covered'.
    select distinct funders.funder_name, lsoa_groups.grouping, lsoa_groups.group_value
    from funders
    cross join lsoa_groups

),

figures_by_group as (

    select
        every_group.funder_name,
        funders.money_kind,
        every_group.grouping,
        every_group.group_value,
        figures.lsoa21_count,
        figures.covered_residents,
        figures.grants,
        figures.amount_gbp,
        funders.funder_amount_gbp,
        funders.placed_amount_gbp,
        case
            when coalesce(figures.covered_residents, 0) = 0 then 'not_covered'
            -- None of the funder's money could be placed: its zero would be unknown, not observed.
            when coalesce(funders.placed_amount_gbp, 0) = 0 then 'not_placed'
            else 'observed'
        end as status
    from every_group
    left join (
        select * from by_funder
        union all
        select * from all_funders
    ) as figures
        on every_group.funder_name = figures.funder_name
        and every_group.grouping = figures.grouping
        and every_group.group_value = figures.group_value
    left join funders on every_group.funder_name = funders.funder_name

),

final as (

    select
        funder_name,
        money_kind,
        grouping,
        cast(group_value as integer) as group_value,
        cast(coalesce(lsoa21_count, 0) as integer) as lsoa21_count,
        cast(coalesce(covered_residents, 0) as bigint) as covered_residents,
        case when status = 'observed' then cast(grants as bigint) end as grants,
        case when status = 'observed' then amount_gbp end as amount_gbp,
        case when status = 'observed' then amount_gbp / covered_residents end
            as amount_per_head_gbp,
        -- Rounded: an allocation shared by residents sums back to its amount only to the last bits.
        round(100.0 * placed_amount_gbp / nullif(funder_amount_gbp, 0), 6) as placed_amount_pct,
        status
    from figures_by_group

)

select * from final
