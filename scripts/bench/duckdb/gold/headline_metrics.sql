-- headline_metrics: the numbers of the report's summary sentences (sql/gold/headline_metrics.sql).
-- grain: one row per metric, in the census's order.

with window_models as (
    select *
    from models
    where release_year between ${from_year} and ${to_year}
),

language_models as (
    select distinct model
    from model_domains
    where domain_group = 'Language'
      and release_year between ${from_year} and ${to_year}
),

industry_models as (
    select distinct model
    from model_org_categories
    where org_category = 'Industry'
      and release_year between ${from_year} and ${to_year}
),

counts as (
    select
        count(*) as models_total,
        count_if(release_year = ${from_year}) as first_year_models,
        count_if(release_year = ${to_year}) as last_year_models,
        count_if(multimodal) as multimodal_models,
        count_if(task_count >= 1) as models_with_tasks,
        count_if(task_count > 1) as multi_task_models,
        count_if(development_type = 'single') as single_developer_models,
        count_if(development_type = 'joint') as joint_models,
        (select count(*) from language_models) as language_models,
        (select count(*) from industry_models) as industry_models
    from window_models
),

metrics as (
    select
        unnest([
            {'position': 1, 'metric': 'models_total', 'value': cast(models_total as double)},
            {'position': 2, 'metric': 'cagr_pct', 'value': round((pow(last_year_models / nullif(first_year_models, 0), 1.0 / nullif(${to_year} - ${from_year}, 0)) - 1) * 100, 1)},
            {'position': 3, 'metric': 'language_models', 'value': cast(language_models as double)},
            {'position': 4, 'metric': 'language_share_pct', 'value': round(100.0 * language_models / nullif(models_total, 0), 1)},
            {'position': 5, 'metric': 'multimodal_models', 'value': cast(multimodal_models as double)},
            {'position': 6, 'metric': 'multimodal_share_pct', 'value': round(100.0 * multimodal_models / nullif(models_total, 0), 1)},
            {'position': 7, 'metric': 'models_with_tasks', 'value': cast(models_with_tasks as double)},
            {'position': 8, 'metric': 'multi_task_models', 'value': cast(multi_task_models as double)},
            {'position': 9, 'metric': 'multi_task_share_pct', 'value': round(100.0 * multi_task_models / nullif(models_with_tasks, 0), 1)},
            {'position': 10, 'metric': 'single_developer_models', 'value': cast(single_developer_models as double)},
            {'position': 11, 'metric': 'single_developer_share_pct', 'value': round(100.0 * single_developer_models / nullif(models_total, 0), 1)},
            {'position': 12, 'metric': 'joint_models', 'value': cast(joint_models as double)},
            {'position': 13, 'metric': 'industry_models', 'value': cast(industry_models as double)},
            {'position': 14, 'metric': 'industry_share_pct', 'value': round(100.0 * industry_models / nullif(models_total, 0), 1)}
        ], recursive := true)
    from counts
)

select
    metric,
    cast(value as double) as value
from metrics
order by position
