-- grain: one row per model and listed organization.
-- An organization missing from the reference data is its own group (spec: Reference data).

with catalogue as (
    select model, release_year, organizations
    from stg_catalogue
),

reference_organizations as (
    select * from ref_organizations
),

categories as (
    select
        model,
        array_distinct(collect_list(org_category)) as org_categories
    from model_org_categories
    group by model
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as organization_position,
        organization
    from catalogue
    lateral view posexplode(organizations) listed as listed_position, organization
),

grouped as (
    select
        listed.model,
        listed.release_year,
        listed.organization_position,
        listed.organization,
        coalesce(reference_organizations.org_group, listed.organization) as org_group,
        reference_organizations.hq_country_code,
        -- Epoch does not align categories with organizations (spec: Input), so each row carries the model's set.
        coalesce(categories.org_categories, array()) as org_categories
    from listed
    left join reference_organizations
        on listed.organization = reference_organizations.organization
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
