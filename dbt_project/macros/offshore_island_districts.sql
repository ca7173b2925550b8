{#- Districts (May 2024) that are islands with no bridge, causeway or tunnel to the mainland, so a
    distance measured from them to the mainland crosses the sea: the Isle of Wight and the Isles of
    Scilly. Islands with a fixed link (Anglesey, Sheppey, Walney, Hayling, Canvey, Mersea at low
    tide) are reached by road and count as mainland. -#}
{% macro offshore_island_districts() -%}
    {{ return({'E06000046': 'Isle of Wight', 'E06000053': 'Isles of Scilly'}) }}
{%- endmacro %}
