-- grain: one row per model and country code.
-- Listed labels map to ISO codes; `Multinational` stands for the headquarters of the model's organizations
-- where the reference data has one; a model left with no country is `Multinational`.
-- A label missing from the reference data is kept as its own code, with empty names (is_mapped = false).

with catalogue as (
    select model, release_year, country_labels
    from stg_catalogue
),

reference_countries as (
    select * from ref_countries
),

country_names as (
    select * from ref_country_names
),

organizations as (
    select model, organization_position, hq_country_code
    from model_organizations
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position as position,
        country_label
    from catalogue
    lateral view posexplode(country_labels) listed as listed_position, country_label
    where country_label <> 'Multinational'
),

listed_codes as (
    select
        listed.model,
        listed.release_year,
        listed.position,
        listed.country_label,
        coalesce(reference_countries.country_code, listed.country_label) as country_code,
        reference_countries.country_code is not null as is_mapped
    from listed
    left join reference_countries
        on listed.country_label = reference_countries.epoch_label
),

headquarters_codes as (
    select
        catalogue.model,
        catalogue.release_year,
        -- after every listed label, in organization order
        1000 + organizations.organization_position as position,
        'Multinational' as country_label,
        organizations.hq_country_code as country_code,
        true as is_mapped
    from catalogue
    join organizations
        on catalogue.model = organizations.model
    where array_contains(catalogue.country_labels, 'Multinational')
      and organizations.hq_country_code is not null
),

resolved as (
    select * from listed_codes
    union all
    select * from headquarters_codes
),

fallback as (
    select
        catalogue.model,
        catalogue.release_year,
        0 as position,
        'Multinational' as country_label,
        'Multinational' as country_code,
        true as is_mapped
    from catalogue
    left anti join resolved
        on catalogue.model = resolved.model
),

all_codes as (
    select * from resolved
    union all
    select * from fallback
),

distinct_codes as (
    select
        model,
        release_year,
        country_code,
        min(position) as position,
        min_by(country_label, position) as country_label,
        bool_and(is_mapped) as is_mapped
    from all_codes
    group by model, release_year, country_code
),

counted as (
    select
        *,
        count(*) over (partition by model) as model_country_count,
        row_number() over (partition by model order by position) as country_position
    from distinct_codes
)

select
    counted.model,
    counted.release_year,
    counted.country_position,
    counted.country_code,
    country_names.country_name_en,
    country_names.country_name_ko,
    counted.country_label,
    counted.is_mapped,
    -- the report's 중복: a model with two or more countries
    counted.model_country_count >= 2 as codeveloped
from counted
left join country_names
    on counted.country_code = country_names.country_code
