-- numbers_non_negative: parameters, training compute and dataset size are never negative where present.
-- grain: one row per numeric field (see model_names_unique.sql for the columns).

with census_models as (
    select model, parameters, training_compute_flop, training_dataset_size from models
),

field_values as (
    select model, 'parameters' as field, parameters as value from census_models
    union all
    select model, 'training_compute_flop' as field, training_compute_flop as value from census_models
    union all
    select model, 'training_dataset_size' as field, training_dataset_size as value from census_models
),

negative as (
    select
        field,
        count_if(value < 0) as models,
        array_join(slice(array_sort(collect_list(case when value < 0 then model end)), 1, 20), '; ') as examples
    from field_values
    group by field
)

select
    concat(field, '_non_negative') as check,
    'error' as level,
    concat('models with a negative ', field) as metric,
    cast(models as double) as value,
    0d as threshold,
    models as rows_affected,
    examples as details
from negative
