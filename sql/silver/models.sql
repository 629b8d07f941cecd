-- grain: one row per model.
-- multimodal: the domain list contains `Multimodal`; development_type: `single` when the model's
-- organizations fall in one group, else `joint`; task_count: distinct task labels as listed (spec: Normalization).

with catalogue as (
    select * from stg_catalogue
),

-- The three per-model lists come from one aggregate over their rows together: one shuffle and one join with the
-- catalogue rather than one of each per list (at a million models each cost seconds).
listed as (
    select model, 'org_group' as list_name, organization_position as position, org_group as item
    from model_organizations
    union all
    select model, 'org_category' as list_name, category_position as position, org_category as item
    from model_org_categories
    union all
    select model, 'country_code' as list_name, country_position as position, country_code as item
    from model_countries
),

lists as (
    select
        model,
        -- collect_list skips the nulls of the other lists' rows
        transform(array_sort(collect_list(if(list_name = 'org_group', struct(position, item), null))), g -> g.item) as org_groups,
        transform(array_sort(collect_list(if(list_name = 'org_category', struct(position, item), null))), c -> c.item) as org_categories,
        transform(array_sort(collect_list(if(list_name = 'country_code', struct(position, item), null))), c -> c.item) as country_codes
    from listed
    group by model
),

assembled as (
    select
        catalogue.*,
        array_distinct(coalesce(lists.org_groups, array())) as org_groups,
        coalesce(lists.org_categories, array()) as org_categories,
        coalesce(lists.country_codes, array()) as country_codes
    from catalogue
    left join lists on catalogue.model = lists.model
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
