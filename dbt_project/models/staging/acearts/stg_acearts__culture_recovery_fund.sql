select
    _row_number as source_row_number,
    trim("Sheet") as programme,
    trim("Organisation") as recipient_name,
    "£ Awarded" as amount_gbp,
    trim("Local Authority") as local_authority_name
from {{ source('raw', 'acearts__culture_recovery_fund') }}
