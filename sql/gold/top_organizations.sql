-- grain: one row per organization group. A joint model counts for each of its groups.

with window_groups as (
    select model_organizations.model, model_organizations.org_group
    from model_organizations
    join window_years
        on model_organizations.release_year = window_years.release_year
),

per_group as (
    select
        org_group,
        count(distinct model) as models
    from window_groups
    group by org_group
)

select
    org_group,
    models
from per_group
where models >= ${min_org_models}
order by models desc, org_group
