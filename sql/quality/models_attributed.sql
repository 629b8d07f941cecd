-- models_attributed: every model lists at least one organization and one country. A model with no country
-- is counted as `Multinational` (spec: Normalization), which is worth a warning, not a stop.
-- grain: one row per list (see model_names_unique.sql for the columns).

with catalogue as (
    select model, organizations, country_labels from stg_catalogue
),

lists as (
    select model, 'organization' as field, size(organizations) as items from catalogue
    union all
    select model, 'country' as field, size(country_labels) as items from catalogue
),

empty_lists as (
    select
        field,
        count_if(items = 0) as models,
        array_join(slice(array_sort(collect_list(case when items = 0 then model end)), 1, 20), '; ') as examples
    from lists
    group by field
)

select
    concat('models_have_', field) as check,
    'warning' as level,
    concat('models without any ', field) as metric,
    cast(models as double) as value,
    0d as threshold,
    models as rows_affected,
    examples as details
from empty_lists
