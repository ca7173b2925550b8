-- Which wards of Manchester face three or more of the five pressures, and how much grant money
-- per head reached them compared with England? A ward faces a pressure when more than half of its
-- residents live in neighbourhoods in England's worst fifth for it. The money is what funders
-- whose published files cover all of England placed in the ward's neighbourhoods.
select
    area_name,
    pressures_faced,
    pressures_faced_names,
    usual_residents,
    round(national_funder_grants_gbp) as grants_gbp,
    round(national_funder_grants_per_head_gbp, 2) as grants_per_head_gbp
from marts.where_pressures_coincide
where
    (area_level = 'ward24' and lad24_name = 'Manchester' and pressures_faced >= 3)
    or area_level = 'ctry'
order by area_level = 'ctry', pressures_faced desc, area_name;
