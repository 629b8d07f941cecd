-- grain: one row per model and category; a category missing from the reference data is kept as listed.

with catalogue as (
    select model, release_year, org_category_labels
    from stg_catalogue
),

reference_categories as (
    select * from ref_org_categories
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as category_position,
        epoch_category
    from catalogue
    lateral view posexplode(org_category_labels) listed as listed_position, epoch_category
),

mapped as (
    select
        listed.model,
        listed.release_year,
        listed.category_position,
        listed.epoch_category,
        coalesce(reference_categories.org_category, listed.epoch_category) as org_category,
        reference_categories.org_category is not null as is_mapped
    from listed
    left join reference_categories
        on listed.epoch_category = reference_categories.epoch_category
),

-- Two labels may map to one category (a model listed as Industry twice, say): keep the first.
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
