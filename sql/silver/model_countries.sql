-- grain: one row per model and country code.
-- The codes come from stg_catalogue.country_entries (the country rule is there): listed labels first, then
-- headquarters codes; a code that two entries give is kept once, at its first place, with its first label, and is
-- mapped only when every entry that gives it is.

with catalogue as (
    select
        model,
        release_year,
        country_entries,
        array_distinct(transform(country_entries, entry -> entry.country_code)) as country_codes
    from stg_catalogue
),

country_names as (
    select * from ref_country_names
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as country_position,
        country_code,
        filter(catalogue.country_entries, entry -> entry.country_code = country_code) as code_entries,
        size(catalogue.country_codes) as model_country_count
    from catalogue
    lateral view posexplode(country_codes) listed as listed_position, country_code
)

select
    listed.model,
    listed.release_year,
    listed.country_position,
    listed.country_code,
    country_names.country_name_en,
    country_names.country_name_ko,
    listed.code_entries[0].country_label as country_label,
    forall(listed.code_entries, entry -> entry.is_mapped) as is_mapped,
    -- the report's 중복: a model with two or more countries
    listed.model_country_count >= 2 as codeveloped
from listed
left join country_names
    on listed.country_code = country_names.country_code
