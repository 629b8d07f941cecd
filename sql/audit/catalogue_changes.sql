-- grain: one row per added or removed model, and one per changed field of a model in both snapshots.
-- previous_models is silver.models of the warehouse's latest earlier snapshot (empty when there is none, and then
-- so is this table). Lists are compared as sets (sorted, joined with ', '); numbers and dates as text.

with previous_snapshot as (
    select
        model,
        domains,
        tasks,
        organizations,
        country_codes,
        publication_date,
        training_compute_flop,
        parameters,
        snapshot_date
    from previous_models
),

versions as (
    select 'old' as version, model, domains, tasks, organizations, country_codes, publication_date, training_compute_flop, parameters
    from previous_snapshot
    union all
    select 'new' as version, model, domains, tasks, organizations, country_codes, publication_date, training_compute_flop, parameters
    from models
),

field_values as (
    select
        version,
        model,
        stack(7,
            'domain', array_join(array_sort(domains), ', '),
            'task', array_join(array_sort(tasks), ', '),
            'organization', array_join(array_sort(organizations), ', '),
            'country', array_join(array_sort(country_codes), ', '),
            'publication_date', cast(publication_date as string),
            'training_compute_flop', cast(training_compute_flop as string),
            'parameters', cast(parameters as string)
        ) as (field, value)
    from versions
),

presence as (
    select
        model,
        bool_or(version = 'old') as in_old,
        bool_or(version = 'new') as in_new
    from versions
    group by model
),

compared as (
    select
        model,
        field,
        first(case when version = 'old' then value end, true) as old_value,
        first(case when version = 'new' then value end, true) as new_value
    from field_values
    group by model, field
),

-- one row, or none when there is no earlier snapshot: then Spark knows the whole table is empty before it runs
-- (a grouped select of no rows is no rows), rather than grouping every model and field to find it.
previous_date as (
    select distinct snapshot_date as previous_snapshot_date
    from previous_snapshot
),

changes as (
    select 'added' as change_type, model, cast(null as string) as field, cast(null as string) as old_value, cast(null as string) as new_value
    from presence
    where in_new and not in_old
    union all
    select 'removed' as change_type, model, null as field, null as old_value, null as new_value
    from presence
    where in_old and not in_new
    union all
    select 'changed' as change_type, compared.model, compared.field, compared.old_value, compared.new_value
    from compared
    join presence
        on compared.model = presence.model
    where presence.in_old and presence.in_new and not (compared.old_value <=> compared.new_value)
)

select
    previous_date.previous_snapshot_date,
    changes.change_type,
    changes.model,
    changes.field,
    changes.old_value,
    changes.new_value
from changes
cross join previous_date
order by change_type, model, field
