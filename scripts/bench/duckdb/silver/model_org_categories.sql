-- model_org_categories: the organization categories of each model (sql/silver/model_org_categories.sql).
-- grain: one row per model and category; a category missing from the reference data is kept as listed.

with catalogue as (
    select model, release_year, org_category_labels
    from stg_catalogue
),

listed as (
    select
        model,
        release_year,
        generate_subscripts(org_category_labels, 1) as category_position,
        unnest(org_category_labels) as epoch_category
    from catalogue
),

mapped as (
    select
        listed.model,
        listed.release_year,
        listed.category_position,
        listed.epoch_category,
        coalesce(ref_org_categories.org_category, listed.epoch_category) as org_category,
        ref_org_categories.org_category is not null as is_mapped
    from listed
    left join ref_org_categories
        on listed.epoch_category = ref_org_categories.epoch_category
),

-- Two labels may map to one category: keep the first.
first_per_category as (
    select
        *,
        row_number() over (partition by model, org_category order by category_position) as nth
    from mapped
)

select
    model,
    release_year,
    category_position,
    epoch_category,
    org_category,
    is_mapped
from first_per_category
where nth = 1
