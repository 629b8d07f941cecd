-- model_organizations: the organizations of each model with their group (sql/silver/model_organizations.sql).
-- grain: one row per model and listed organization. An organization missing from the reference data is its own group.

with catalogue as (
    select model, release_year, organizations
    from stg_catalogue
),

categories as (
    select
        model,
        first_occurrences(list(org_category order by category_position)) as org_categories
    from model_org_categories
    group by model
),

listed as (
    select
        model,
        release_year,
        generate_subscripts(organizations, 1) as organization_position,
        unnest(organizations) as organization
    from catalogue
),

grouped as (
    select
        listed.model,
        listed.release_year,
        listed.organization_position,
        listed.organization,
        coalesce(ref_organizations.org_group, listed.organization) as org_group,
        ref_organizations.hq_country_code,
        coalesce(categories.org_categories, []::varchar[]) as org_categories
    from listed
    left join ref_organizations
        on listed.organization = ref_organizations.organization
    left join categories
        on listed.model = categories.model
)

select
    model,
    release_year,
    organization_position,
    organization,
    org_group,
    hq_country_code,
    org_categories
from grouped
