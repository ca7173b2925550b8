{#- The IoD's exponential transformation of a rank (1 = most deprived of n) to a 0-100 score: the
    ranks' scaled position R = (n - rank + 0.5) / n goes to -23 ln(1 - R (1 - exp(-100/23))), so
    the most deprived tenth spreads over the top half of the range and a high score in one domain
    is not cancelled by a low score in another (IoD2019 Technical Report, section 3.6). -#}
{% macro exponential_transform(rank_column, area_count) -%}
    (-23.0 * ln(
        1.0 - (({{ area_count }} - {{ rank_column }} + 0.5) / {{ area_count }})
        * (1.0 - exp(-100.0 / 23.0))
    ))
{%- endmacro %}
