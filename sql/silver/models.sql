-- grain: one row per model.
-- multimodal: the domain list contains `Multimodal`; development_type: `single` when the model's
-- organizations fall in one group, else `joint`; task_count: distinct task labels as listed (spec: Normalization).

with catalogue as (
    select * from stg_catalogue
),

organization_groups as (
    select
        model,
        count(distinct org_group) as org_group_count,
        transform(array_sort(collect_list(struct(organization_position, org_group))), g -> g.org_group) as org_groups
    from model_organizations
    group by model
),

categories as (
    select
        model,
        transform(array_sort(collect_list(struct(category_position, org_category))), c -> c.org_category) as org_categories
    from model_org_categories
    group by model
),

countries as (
    select
        model,
        transform(array_sort(collect_list(struct(country_position, country_code))), c -> c.country_code) as country_codes
    from model_countries
    group by model
),

assembled as (
    select
        catalogue.*,
        array_distinct(coalesce(organization_groups.org_groups, array())) as org_groups,
        coalesce(organization_groups.org_group_count, 0) as org_group_count,
        coalesce(categories.org_categories, array()) as org_categories,
        coalesce(countries.country_codes, array()) as country_codes
    from catalogue
    left join organization_groups on catalogue.model = organization_groups.model
    left join categories on catalogue.model = categories.model
    left join countries on catalogue.model = countries.model
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
    case when org_group_count = 1 then 'single' else 'joint' end as development_type,
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
