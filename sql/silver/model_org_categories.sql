-- grain: one row per model and category; a category missing from the reference data is kept as listed.
-- Two labels may map to one category (a model listed as Industry twice, say): the first is kept.

with catalogue as (
    select model, release_year, org_category_labels
    from stg_catalogue
),

lookups as (
    select org_category_by_label
    from ref_lookups
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as category_position,
        epoch_category,
        lookups.org_category_by_label[epoch_category] as mapped_category,
        transform(catalogue.org_category_labels,
            label -> coalesce(lookups.org_category_by_label[label], label)) as model_categories
    from catalogue
    cross join lookups
    lateral view posexplode(catalogue.org_category_labels) listed as listed_position, epoch_category
)

select
    model,
    release_year,
    category_position,
    epoch_category,
    coalesce(mapped_category, epoch_category) as org_category,
    mapped_category is not null as is_mapped
from listed
where array_position(model_categories, coalesce(mapped_category, epoch_category)) = category_position
