with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file7') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        nullif(trim("LSOA name (2021)"), '') as lsoa21_name,
        nullif(trim("Local Authority District code (2024)"), '') as lad24_code,
        nullif(trim("Local Authority District name (2024)"), '') as lad24_name,
        cast("Index of Multiple Deprivation (IMD) Score" as double) as imd2025_score,
        cast("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd2025_rank,
        cast("Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as imd2025_decile,
        cast("Income Score (rate)" as double) as income2025_rate,
        cast("Income Rank (where 1 is most deprived)" as integer) as income2025_rank,
        cast("Income Decile (where 1 is most deprived 10% of LSOAs)" as integer) as income2025_decile,
        cast("Employment Score (rate)" as double) as employment2025_rate,
        cast("Employment Rank (where 1 is most deprived)" as integer) as employment2025_rank,
        cast("Employment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as employment2025_decile,
        cast("Education, Skills and Training Score" as double) as education2025_score,
        cast("Education, Skills and Training Rank (where 1 is most deprived)" as integer) as education2025_rank,
        cast("Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)" as integer) as education2025_decile,
        cast("Health Deprivation and Disability Score" as double) as health2025_score,
        cast("Health Deprivation and Disability Rank (where 1 is most deprived)" as integer) as health2025_rank,
        cast("Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)" as integer) as health2025_decile,
        cast("Crime Score" as double) as crime2025_score,
        cast("Crime Rank (where 1 is most deprived)" as integer) as crime2025_rank,
        cast("Crime Decile (where 1 is most deprived 10% of LSOAs)" as integer) as crime2025_decile,
        cast("Barriers to Housing and Services Score" as double) as barriers2025_score,
        cast("Barriers to Housing and Services Rank (where 1 is most deprived)" as integer) as barriers2025_rank,
        cast("Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)" as integer) as barriers2025_decile,
        cast("Living Environment Score" as double) as living_environment2025_score,
        cast("Living Environment Rank (where 1 is most deprived)" as integer) as living_environment2025_rank,
        cast("Living Environment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as living_environment2025_decile,
        cast("Income Deprivation Affecting Children Index (IDACI) Score (rate)" as double) as idaci2025_rate,
        cast("Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived)" as integer) as idaci2025_rank,
        cast("Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as idaci2025_decile,
        cast("Income Deprivation Affecting Older People (IDAOPI) Score (rate)" as double) as idaopi2025_rate,
        cast("Income Deprivation Affecting Older People (IDAOPI) Rank (where 1 is most deprived)" as integer) as idaopi2025_rank,
        cast("Income Deprivation Affecting Older People (IDAOPI) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as idaopi2025_decile,
        cast("Children and Young People Sub-domain Score" as double) as children_young_people2025_score,
        cast("Children and Young People Sub-domain Rank (where 1 is most deprived)" as integer) as children_young_people2025_rank,
        cast("Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSO" as integer) as children_young_people2025_decile,
        cast("Adult Skills Sub-domain Score" as double) as adult_skills2025_score,
        cast("Adult Skills Sub-domain Rank (where 1 is most deprived)" as integer) as adult_skills2025_rank,
        cast("Adult Skills Sub-domain Decile (where 1 is most deprived 10% of LSOAs)" as integer) as adult_skills2025_decile,
        cast("Geographical Barriers Sub-domain Score" as double) as geographical_barriers2025_score,
        cast("Geographical Barriers Sub-domain Rank (where 1 is most deprived)" as integer) as geographical_barriers2025_rank,
        cast("Geographical Barriers Sub-domain Decile (where 1 is most deprived 10% of LSOAs)" as integer) as geographical_barriers2025_decile,
        cast("Wider Barriers Sub-domain Score" as double) as wider_barriers2025_score,
        cast("Wider Barriers Sub-domain Rank (where 1 is most deprived)" as integer) as wider_barriers2025_rank,
        cast("Wider Barriers Sub-domain Decile (where 1 is most deprived 10% of LSOAs)" as integer) as wider_barriers2025_decile,
        cast("Indoors Sub-domain Score" as double) as indoors2025_score,
        cast("Indoors Sub-domain Rank (where 1 is most deprived)" as integer) as indoors2025_rank,
        cast("Indoors Sub-domain Decile (where 1 is most deprived 10% of LSOAs)" as integer) as indoors2025_decile,
        cast("Outdoors Sub-domain Score" as double) as outdoors2025_score,
        cast("Outdoors Sub-domain Rank (where 1 is most deprived)" as integer) as outdoors2025_rank,
        cast("Outdoors Sub-domain Decile (where 1 is most deprived 10% of LSOAs)" as integer) as outdoors2025_decile,
        cast("Total population: mid 2022" as integer) as population_total_count,
        cast("Dependent Children aged 0-15: mid 2022" as integer) as population_aged_0_15_count,
        cast("Older population aged 60 and over: mid 2022" as integer) as population_aged_60_plus_count,
        cast("Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022" as double) as population_working_age_count
    from source

)

select * from renamed
