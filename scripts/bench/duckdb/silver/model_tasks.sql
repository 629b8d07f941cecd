-- model_tasks: the tasks of each model with their group (sql/silver/model_tasks.sql).
-- grain: one row per model and listed task; models without tasks have no row.

with catalogue as (
    select model, release_year, tasks
    from stg_catalogue
),

listed as (
    select
        model,
        release_year,
        generate_subscripts(tasks, 1) as task_position,
        unnest(tasks) as task
    from catalogue
)

select
    listed.model,
    listed.release_year,
    listed.task_position,
    listed.task,
    coalesce(ref_task_groups.task_group, listed.task) as task_group
from listed
left join ref_task_groups
    on listed.task = ref_task_groups.task
