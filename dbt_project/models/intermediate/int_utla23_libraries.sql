{#- Static libraries per library authority (the upper-tier authority: county or unitary), from the
    2023 list, which keeps the libraries closed since 2010, most with their closure year: how many were
    open at the start of 2016, how many of those had closed by the end of 2023, and how many are
    open in 2023. The list names authorities, not codes: matched to the 2023 upper tiers by name
    (Southend-on-Sea is not in the list and the Isles of Scilly's library is listed under
    Cornwall, so those two have no row). -#}
with

libraries as (

    select * from {{ ref('stg_acearts__libraries_2023') }}
    where library_type in ('static library', 'static local history library')

),

authorities as (

    select distinct utla23_code, utla23_name from {{ ref('dim_lsoa21') }}

),

matched as (

    select authorities.utla23_code, authorities.utla23_name, libraries.*
    from libraries
    inner join authorities on lower(libraries.authority_name) = lower(authorities.utla23_name)

),

counted as (

    select
        utla23_code,
        utla23_name,
        -- A library marked closed without a year may have closed before 2016 or after: it is
        -- counted apart, in neither the libraries open in 2016 nor those closed since.
        count(*) filter (where closed_year >= 2016 or (closed_year is null and not is_closed))
            as static_libraries_open_2016,
        count(*) filter (where closed_year is null and is_closed)
            as static_libraries_closed_year_unknown,
        count(*) filter (where closed_year between 2016 and 2023)
            as static_libraries_closed_2016_2023,
        count(*) filter (where is_open_2023) as static_libraries_open_2023
    from matched
    group by utla23_code, utla23_name

),

final as (

    select
        utla23_code,
        utla23_name,
        cast(static_libraries_open_2016 as integer) as static_libraries_open_2016,
        cast(static_libraries_closed_2016_2023 as integer) as static_libraries_closed_2016_2023,
        cast(static_libraries_open_2023 as integer) as static_libraries_open_2023,
        cast(static_libraries_closed_year_unknown as integer)
            as static_libraries_closed_year_unknown,
        100.0 * static_libraries_closed_2016_2023 / nullif(static_libraries_open_2016, 0)
            as static_libraries_closed_2016_2023_pct
    from counted

)

select * from final
