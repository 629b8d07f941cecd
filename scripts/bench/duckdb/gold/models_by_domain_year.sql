-- models_by_domain_year: models per domain group and year (sql/gold/models_by_domain_year.sql).
-- grain: one row per domain group and release year that has models.

with window_domains as (
    select model, release_year, domain_group
    from model_domains
    where release_year between ${from_year} and ${to_year}
)

select
    domain_group as domain,
    release_year,
    count(distinct model) as models
from window_domains
group by domain_group, release_year
order by domain, release_year
