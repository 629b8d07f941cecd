-- grain: one row per development type (single, joint), zeros included.

with development_types as (
    select explode(array('single', 'joint')) as development_type
),

per_type as (
    select
        development_type,
        -- window_models has one row per model (names are unique: sql/quality/model_names_unique.sql): no distinct to count
        count(*) as models
    from window_models
    group by development_type
)

select
    development_types.development_type,
    coalesce(per_type.models, 0) as models
from development_types
left join per_type
    on development_types.development_type = per_type.development_type
order by development_type desc
