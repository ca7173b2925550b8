select
    _row_number as source_row_number,
    'National Lottery Project Grants 2019/20' as programme,
    trim("Recipient") as recipient_name,
    "Award amount" as amount_gbp,
    "Award date" as award_date,
    trim("Local authority") as local_authority_name
from {{ source('raw', 'acearts__project_grants_2019_20') }}
