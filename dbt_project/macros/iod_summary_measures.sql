{#- The IoD local authority summary measures (IoD2019 Technical Report, Appendix N "Summary measures
    for higher-level geographies"), for every area of `area_code` in `lsoas` and every index in
    `indices`. `lsoas` has one row per LSOA with `area_code`, `population` (File 6 total
    population, mid-2015) and, per index i, `<i>_rank` (1 = most deprived nationally),
    `<i>_decile` and `<i>_weight`, the population the index is a rate of (the total population,
    but the working-age population for Employment, children aged 0-15 for IDACI and people aged
    60+ for IDAOPI); `national_count` is the number of LSOAs ranked nationally. "Population" below
    is that weight.

    - average rank: the population-weighted mean of the LSOAs' ranks, ranks reversed so that the
      most deprived LSOA has the highest (national_count);
    - proportion in the most deprived 10%: the share of the area's LSOAs in national decile 1 (not
      population-weighted);
    - extent: the population-weighted share of the area's people living in the nationally most
      deprived 30% of LSOAs, weight 1 in the most deprived 10 percentiles, then 0.95 at the 11th
      percentile falling by 0.90/19 a percentile to 0.05 at the 30th, 0 beyond (percentile =
      ceil(100 * rank / national_count));
    - local concentration: the population-weighted mean reversed rank of the area's most deprived
      LSOAs that together hold exactly 10% of its population (the LSOA crossing the 10% line
      counts with the part of its population needed).
    Output: one row per area and index, long. -#}
{% macro iod_summary_measures(lsoas, indices, national_count) -%}
    {%- for index in indices %}
    select
        area_code,
        '{{ index }}' as index_name,
        count(*) as lsoa_count,
        sum(population) as population,
        sum(({{ national_count }} + 1 - {{ index }}_rank) * weight) / sum(weight)
            as average_rank,
        avg(case when {{ index }}_decile = 1 then 1.0 else 0.0 end)
            as most_deprived_10pct_share,
        sum(extent_weight * weight) / sum(weight) as extent,
        sum(({{ national_count }} + 1 - {{ index }}_rank) * concentration_population)
            / sum(concentration_population) as local_concentration
    from (
        select
            area_code,
            population,
            weight,
            {{ index }}_rank,
            {{ index }}_decile,
            case
                when percentile <= 10 then 1.0
                when percentile <= 30 then 0.95 - (percentile - 11) * 0.90 / 19
                else 0.0
            end as extent_weight,
            -- The population of the LSOA inside the area's most deprived 10%: whole LSOAs until
            -- the running total reaches 10% of the area, then the part still needed.
            greatest(
                0.0,
                least(weight, 0.1 * area_weight - (running_weight - weight))
            ) as concentration_population
        from (
            select
                area_code,
                population,
                {{ index }}_weight as weight,
                {{ index }}_rank,
                {{ index }}_decile,
                ceil(100.0 * {{ index }}_rank / {{ national_count }}) as percentile,
                sum({{ index }}_weight) over (partition by area_code) as area_weight,
                sum({{ index }}_weight) over (
                    partition by area_code
                    order by {{ index }}_rank
                    rows between unbounded preceding and current row
                ) as running_weight
            from {{ lsoas }}
        )
    )
    group by area_code
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
