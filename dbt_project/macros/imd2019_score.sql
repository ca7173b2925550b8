{#- The IMD 2019 score: the weighted sum of the exponentially transformed domain scores, with the
    domain weights of the IoD2019 Technical Report (section 3.8). `prefix` qualifies the columns. -#}
{% macro imd2019_score(prefix) -%}
    (
        0.225 * {{ prefix }}income2019_transformed_score
        + 0.225 * {{ prefix }}employment2019_transformed_score
        + 0.135 * {{ prefix }}education2019_transformed_score
        + 0.135 * {{ prefix }}health2019_transformed_score
        + 0.093 * {{ prefix }}crime2019_transformed_score
        + 0.093 * {{ prefix }}barriers2019_transformed_score
        + 0.093 * {{ prefix }}living_environment2019_transformed_score
    )
{%- endmacro %}
