-- numbers_numeric: a parameters, compute or dataset size cell that is not a number is read as null
-- (spec: Input, not a rejection) and reported here with the models it affects.
-- grain: one row per numeric field (see model_names_unique.sql for the columns).

with catalogue as (
    select model, parameters, training_compute_flop, training_dataset_size from catalogue_accepted
),

cells as (
    select model, 'parameters' as field, trim(parameters) as text from catalogue
    union all
    select model, 'training_compute_flop' as field, trim(training_compute_flop) as text from catalogue
    union all
    select model, 'training_dataset_size' as field, trim(training_dataset_size) as text from catalogue
),

not_numeric as (
    select
        field,
        count_if(text <> '' and try_cast(text as double) is null) as models,
        array_join(slice(array_sort(collect_list(
            case when text <> '' and try_cast(text as double) is null then concat(model, ': ', left(text, 40)) end
        )), 1, 20), '; ') as examples
    from cells
    group by field
)

select
    concat(field, '_numeric') as check,
    'warning' as level,
    concat('models whose ', field, ' is not a number (read as null)') as metric,
    cast(models as double) as value,
    0d as threshold,
    models as rows_affected,
    examples as details
from not_numeric
