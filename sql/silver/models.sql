-- grain: one row per model.
-- multimodal: the domain list contains `Multimodal`; development_type: `single` when the model's
-- organizations fall in one group, else `joint`; task_count: distinct task labels as listed (spec: Normalization).
-- The lists are stg_catalogue's, resolved there row by row: no join with the silver list tables.

with catalogue as (
    select * from stg_catalogue
),

assembled as (
    select
        catalogue.*,
        array_distinct(organization_groups) as org_groups,
        array_distinct(transform(country_entries, entry -> entry.country_code)) as country_codes
    from catalogue
)

select
    model,
    publication_date,
    release_year,
    organizations,
    org_groups,
    org_categories,
    country_codes,
    domains,
    tasks,
    array_contains(domains, 'Multimodal') as multimodal,
    case when size(org_groups) = 1 then 'single' else 'joint' end as development_type,
    size(tasks) as task_count,
    size(country_codes) >= 2 as codeveloped,
    parameters,
    training_compute_flop,
    training_dataset_size,
    training_hardware,
    hardware_quantity,
    confidence,
    model_accessibility,
    code_accessibility,
    dataset_accessibility,
    training_dataset,
    citations,
    reference,
    link,
    source_record
from assembled
