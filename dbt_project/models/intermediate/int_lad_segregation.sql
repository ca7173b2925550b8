{#- How separated groups live within each district, from the composition of its LSOAs 2021: ethnic
    groups (TS021's five broad groups) and religions (TS030's eight, 'Not answered' left out).
    Multigroup dissimilarity D and Theil's information-theory index H (Reardon and Firebaugh 2002),
    both 0 when every LSOA has the district's mix and 1 when no LSOA holds two groups. They
    measure separation, not diversity: a district of many groups living side by side scores 0. -#}
with

geography as (

    select lsoa21_code, lad23_code, lad23_name from {{ ref('dim_lsoa21') }}

),

ethnicity as (

    select * from {{ ref('stg_ons__census2021_ts021_lsoa') }}

),

religion as (

    select * from {{ ref('stg_ons__census2021_ts030_lsoa') }}

),

-- One row per LSOA, dimension and group (the two lists unnest side by side).
lsoa_groups as (

    select
        lsoa21_code,
        'ethnic_group' as dimension,
        unnest(['asian', 'black', 'mixed', 'white', 'other']) as group_name,
        unnest([
            asian_residents, black_residents, mixed_residents, white_residents,
            other_ethnic_group_residents
        ]) as residents
    from ethnicity

    union all

    select
        lsoa21_code,
        'religion' as dimension,
        unnest([
            'no_religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh',
            'other_religion'
        ]) as group_name,
        unnest([
            no_religion_residents, christian_residents, buddhist_residents, hindu_residents,
            jewish_residents, muslim_residents, sikh_residents, other_religion_residents
        ]) as residents
    from religion

),

placed as (

    select
        geography.lad23_code,
        geography.lad23_name,
        lsoa_groups.lsoa21_code,
        lsoa_groups.dimension,
        lsoa_groups.group_name,
        lsoa_groups.residents,
        -- t_i: the LSOA's residents over the dimension's groups.
        sum(lsoa_groups.residents) over (
            partition by lsoa_groups.lsoa21_code, lsoa_groups.dimension
        ) as lsoa_residents
    from lsoa_groups
    inner join geography on lsoa_groups.lsoa21_code = geography.lsoa21_code

),

-- P_g: each group's share of the district; T: the district's residents.
district_groups as (

    select
        lad23_code,
        dimension,
        group_name,
        sum(residents) / sum(sum(residents)) over (partition by lad23_code, dimension)
            as district_share
    from placed
    group by lad23_code, dimension, group_name

),

district as (

    select
        lad23_code,
        dimension,
        -- I = sum_g P_g (1 - P_g), the district's interaction index.
        sum(district_share * (1 - district_share)) as interaction,
        -- E = -sum_g P_g ln P_g, the district's entropy (0 ln 0 = 0).
        -sum(case when district_share > 0 then district_share * ln(district_share) else 0 end)
            as entropy
    from district_groups
    group by lad23_code, dimension

),

cells as (

    select
        placed.lad23_code,
        placed.lad23_name,
        placed.lsoa21_code,
        placed.dimension,
        placed.lsoa_residents,
        -- t_i |p_ig - P_g| = |n_ig - t_i P_g|
        abs(placed.residents - placed.lsoa_residents * district_groups.district_share)
            as dissimilarity_term,
        -- -p_ig ln p_ig, a term of the LSOA's entropy E_i (0 ln 0 = 0)
        case
            when placed.residents > 0
                then -(placed.residents / placed.lsoa_residents)
                * ln(placed.residents / placed.lsoa_residents)
            else 0
        end as entropy_term
    from placed
    inner join district_groups
        on
            placed.lad23_code = district_groups.lad23_code
            and placed.dimension = district_groups.dimension
            and placed.group_name = district_groups.group_name

),

lsoas as (

    select
        lad23_code,
        lad23_name,
        lsoa21_code,
        dimension,
        any_value(lsoa_residents) as lsoa_residents,
        sum(dissimilarity_term) as dissimilarity_sum,
        sum(entropy_term) as lsoa_entropy
    from cells
    group by lad23_code, lad23_name, lsoa21_code, dimension

),

final as (

    select
        lsoas.lad23_code,
        lsoas.lad23_name,
        lsoas.dimension,
        cast(count(*) as integer) as lsoa_count,
        cast(sum(lsoas.lsoa_residents) as bigint) as residents,
        -- Rounded to 12 places: floating-point noise is no value (the Isles of Scilly, one LSOA,
        -- gave H = -1.5e-16 where the formula gives exactly 0).
        -- D = sum_i sum_g t_i |p_ig - P_g| / (2 T I)
        round(
            sum(lsoas.dissimilarity_sum)
            / nullif(2 * sum(lsoas.lsoa_residents) * district.interaction, 0),
            12
        ) as dissimilarity_index,
        -- H = sum_i t_i (E - E_i) / (E T)
        round(
            sum(lsoas.lsoa_residents * (district.entropy - lsoas.lsoa_entropy))
            / nullif(district.entropy * sum(lsoas.lsoa_residents), 0),
            12
        ) as information_theory_h
    from lsoas
    inner join district
        on lsoas.lad23_code = district.lad23_code and lsoas.dimension = district.dimension
    group by
        lsoas.lad23_code, lsoas.lad23_name, lsoas.dimension, district.interaction, district.entropy

)

select * from final
