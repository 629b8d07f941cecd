-- accessibility_mapped: every model accessibility label of the catalogue is in conf/reference/accessibility_groups.csv.
-- An unmapped label counts as `unknown` in models_by_accessibility and open_weights_share; the labels are listed so
-- that a reference row can be added for them (a new vintage's wording, say). An empty cell is not a label.
-- grain: one row, the check (see model_names_unique.sql for the columns).

with labels as (
    select model, model_accessibility as label
    from models
    where model_accessibility is not null
),

unmapped as (
    select labels.model, labels.label
    from labels
    left anti join ref_accessibility_groups
        on labels.label = ref_accessibility_groups.model_accessibility
)

select
    'accessibility_labels_mapped' as check,
    'warning' as level,
    'model accessibility labels missing from accessibility_groups.csv' as metric,
    cast(count(distinct label) as double) as value,
    0d as threshold,
    count(distinct model) as rows_affected,
    array_join(slice(array_sort(collect_set(label)), 1, 50), '; ') as details
from unmapped
