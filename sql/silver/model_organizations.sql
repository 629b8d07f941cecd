-- grain: one row per model and listed organization; its group is stg_catalogue's.

with catalogue as (
    select model, release_year, organizations, organization_groups, org_categories
    from stg_catalogue
),

lookups as (
    select hq_country_code_by_organization
    from ref_lookups
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as organization_position,
        organization,
        catalogue.organization_groups[listed_position] as org_group,
        lookups.hq_country_code_by_organization[organization] as hq_country_code,
        -- Epoch does not align categories with organizations (spec: Input), so each row carries the model's set.
        catalogue.org_categories
    from catalogue
    cross join lookups
    lateral view posexplode(catalogue.organizations) listed as listed_position, organization
)

select
    model,
    release_year,
    organization_position,
    organization,
    org_group,
    hq_country_code,
    org_categories
from listed
