-- labels_mapped: every country label and organization category of the catalogue is in the reference data
-- (conf/reference/countries.csv, org_categories.csv). An unmapped label is kept as it is (spec: Reference
-- data); the labels are listed so that a reference row can be added for them.
-- grain: one row per reference table (see model_names_unique.sql for the columns).

with countries as (
    select model, country_label as label, is_mapped from model_countries
),

categories as (
    select model, epoch_category as label, is_mapped from model_org_categories
),

unmapped as (
    select 'country_labels_mapped' as check, 'country labels missing from countries.csv' as metric, model, label
    from countries
    where not is_mapped
    union all
    select 'org_categories_mapped' as check, 'organization categories missing from org_categories.csv' as metric, model, label
    from categories
    where not is_mapped
),

checks as (
    select 'country_labels_mapped' as check, 'country labels missing from countries.csv' as metric
    union all
    select 'org_categories_mapped' as check, 'organization categories missing from org_categories.csv' as metric
)

select
    checks.check,
    'warning' as level,
    checks.metric,
    cast(count(distinct unmapped.label) as double) as value,
    0d as threshold,
    count(distinct unmapped.model) as rows_affected,
    array_join(slice(array_sort(collect_set(unmapped.label)), 1, 50), '; ') as details
from checks
left join unmapped
    on checks.check = unmapped.check
group by checks.check, checks.metric
