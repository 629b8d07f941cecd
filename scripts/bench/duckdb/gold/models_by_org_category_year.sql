-- models_by_org_category_year: models per organization category and year (sql/gold/models_by_org_category_year.sql).
-- grain: one row per category and release year that has models.

with window_categories as (
    select model, release_year, org_category
    from model_org_categories
    where release_year between ${from_year} and ${to_year}
)

select
    org_category,
    release_year,
    count(distinct model) as models
from window_categories
group by org_category, release_year
order by org_category, release_year
