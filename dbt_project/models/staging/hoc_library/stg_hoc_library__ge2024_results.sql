with

source as (

    select * from {{ source('raw', 'hoc_library__ge2024_results') }}

),

renamed as (

    select
        trim("ONS ID") as pcon24_code,
        trim("Constituency name") as pcon24_name,
        -- The English region, or the nation's own code for Wales, Scotland and Northern Ireland.
        trim("ONS region ID") as rgn_code,
        trim("Region name") as rgn_name,
        trim("Country name") as ctry_name,
        trim("Constituency type") as constituency_type,
        trim("Result") as result,
        trim("First party") as first_party,
        trim("Second party") as second_party,
        "Electorate" as electorate_count,
        "Valid votes" as valid_votes_count,
        "Invalid votes" as invalid_votes_count,
        "Majority" as majority_count,
        "Con" as con_votes_count,
        "Lab" as lab_votes_count,
        "LD" as ld_votes_count,
        "RUK" as ruk_votes_count,
        "Green" as green_votes_count,
        "SNP" as snp_votes_count,
        "PC" as pc_votes_count,
        "DUP" as dup_votes_count,
        "SF" as sf_votes_count,
        "SDLP" as sdlp_votes_count,
        "UUP" as uup_votes_count,
        "APNI" as apni_votes_count,
        "All other candidates" as other_candidates_votes_count,
        "Of which other winner" as other_winner_votes_count
    from source

)

select * from renamed
