-- grain: one row per model and category; the categories are stg_catalogue's org_category_entries (a category missing
-- from the reference data is kept as listed). Two labels may map to one category (a model listed as Industry twice,
-- say): the first is kept.

with catalogue as (
    select
        model,
        release_year,
        org_category_entries,
        transform(org_category_entries, entry -> entry.org_category) as listed_categories
    from stg_catalogue
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as category_position,
        entry,
        catalogue.listed_categories
    from catalogue
    lateral view posexplode(catalogue.org_category_entries) listed as listed_position, entry
)

select
    model,
    release_year,
    category_position,
    entry.epoch_category as epoch_category,
    entry.org_category as org_category,
    entry.is_mapped as is_mapped
from listed
where array_position(listed_categories, entry.org_category) = category_position
