-- grain: one row per model and listed task; models without tasks have no row.

with catalogue as (
    select model, release_year, tasks
    from stg_catalogue
),

reference_tasks as (
    select * from ref_task_groups
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as task_position,
        task
    from catalogue
    lateral view posexplode(tasks) listed as listed_position, task
)

select
    listed.model,
    listed.release_year,
    listed.task_position,
    listed.task,
    coalesce(reference_tasks.task_group, listed.task) as task_group
from listed
left join reference_tasks
    on listed.task = reference_tasks.task
