-- models: one row per accepted model, with the derived flags every breakdown filters on (sql/silver/models.sql).
-- grain: one row per model.

with catalogue as (
    select * from stg_catalogue
),

organization_groups as (
    select
        model,
        count(distinct org_group) as org_group_count,
        list(org_group order by organization_position) as org_groups
    from model_organizations
    group by model
),

categories as (
    select
        model,
        list(org_category order by category_position) as org_categories
    from model_org_categories
    group by model
),

countries as (
    select
        model,
        list(country_code order by country_position) as country_codes
    from model_countries
    group by model
),

assembled as (
    select
        catalogue.*,
        first_occurrences(coalesce(organization_groups.org_groups, []::varchar[])) as org_groups,
        coalesce(organization_groups.org_group_count, 0) as org_group_count,
        coalesce(categories.org_categories, []::varchar[]) as org_categories,
        coalesce(countries.country_codes, []::varchar[]) as country_codes
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
    list_contains(domains, 'Multimodal') as multimodal,
    case when org_group_count = 1 then 'single' else 'joint' end as development_type,
    len(tasks) as task_count,
    len(country_codes) >= 2 as codeveloped,
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
