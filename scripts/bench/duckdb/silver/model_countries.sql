-- model_countries: the countries of each model (sql/silver/model_countries.sql; spec: Normalization).
-- grain: one row per model and country code.
-- Listed labels map to ISO codes; `Multinational` stands for the headquarters of the model's organizations
-- where the reference data has one; a model left with no country is `Multinational`.

with catalogue as (
    select model, release_year, country_labels
    from stg_catalogue
),

country_names as (
    select
        country_code,
        first(country_name_en) as country_name_en,
        first(country_name_ko) as country_name_ko
    from ref_countries
    group by country_code
),

exploded as (
    select
        model,
        release_year,
        generate_subscripts(country_labels, 1) - 1 as position,
        unnest(country_labels) as country_label
    from catalogue
),

listed_codes as (
    select
        exploded.model,
        exploded.release_year,
        exploded.position,
        exploded.country_label,
        coalesce(ref_countries.country_code, exploded.country_label) as country_code,
        ref_countries.country_code is not null as is_mapped
    from exploded
    left join ref_countries
        on exploded.country_label = ref_countries.epoch_label
    where exploded.country_label <> 'Multinational'
),

headquarters_codes as (
    select
        catalogue.model,
        catalogue.release_year,
        -- after every listed label, in organization order
        1000 + model_organizations.organization_position as position,
        'Multinational' as country_label,
        model_organizations.hq_country_code as country_code,
        true as is_mapped
    from catalogue
    join model_organizations
        on catalogue.model = model_organizations.model
    where list_contains(catalogue.country_labels, 'Multinational')
      and model_organizations.hq_country_code is not null
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
    anti join resolved
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
        arg_min(country_label, position) as country_label,
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
