select
    trim("Country") as country_name,
    trim("Name") as local_authority_name,
    "Priority category" as priority_category
from {{ source('raw', 'mhclg__levelling_up_fund_priority') }}
