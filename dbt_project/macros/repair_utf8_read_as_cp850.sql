{#- Text whose UTF-8 bytes were once decoded as code page 850 and saved again, as the ONS ward
    lookups of 2023 and 2024 publish a dozen Welsh ward names ('Pen draw Ll┼Àn' for 'Pen draw
    Llŷn'). Each accented letter of Welsh and the other names here became a box-drawing character
    and a second character; no real name holds those pairs, so replacing them back is safe. -#}
{% macro repair_utf8_read_as_cp850(expression) -%}
    {%- set pairs = [
        ('├ó', 'â'), ('├¬', 'ê'), ('├«', 'î'), ('├┤', 'ô'), ('├╗', 'û'), ('┼Á', 'ŵ'), ('┼À', 'ŷ'),
        ('├í', 'á'), ('├®', 'é'), ('├¡', 'í'), ('├│', 'ó'), ('├║', 'ú'), ('├á', 'à'), ('├¿', 'è'),
        ('├¼', 'ì'), ('├▓', 'ò'), ('├╣', 'ù'), ('├ñ', 'ä'), ('├½', 'ë'), ('├»', 'ï'), ('├Â', 'ö'),
        ('├╝', 'ü'), ('├┐', 'ÿ'), ('├é', 'Â'), ('├è', 'Ê'), ('├Ä', 'Î'), ('├ö', 'Ô'), ('├ø', 'Û'),
        ('┼┤', 'Ŵ'), ('┼Â', 'Ŷ'), ('├ü', 'Á'), ('├ë', 'É'), ('├ì', 'Í'), ('├ô', 'Ó'), ('├Ü', 'Ú'),
        ('├Ç', 'À'), ('├ê', 'È'), ('├î', 'Ì'), ('├Æ', 'Ò'), ('├Ö', 'Ù'), ('├ä', 'Ä'), ('├ï', 'Ë'),
        ('├Å', 'Ï'), ('├û', 'Ö'), ('├£', 'Ü'), ('ÔÇÖ', '’'), ('ÔÇÿ', '‘'), ('ÔÇô', '–'),
    ] -%}
    {#- One list fold rather than 48 nested replace() calls: the same SQL, flat enough to lint. -#}
    list_reduce(
        [{% for broken, letter in pairs %}'{{ broken }}={{ letter }}'{{ ', ' if not loop.last }}{% endfor %}],
        (repaired, pair) -> replace(repaired, split_part(pair, '=', 1), split_part(pair, '=', 2)),
        {{ expression }}
    )
{%- endmacro %}
