-- top_organizations: organization groups with at least --min-org-models models in the window (sql/gold/top_organizations.sql).
-- grain: one row per organization group. A joint model counts for each of its groups.

with window_groups as (
    select model, org_group
    from model_organizations
    where release_year between ${from_year} and ${to_year}
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
