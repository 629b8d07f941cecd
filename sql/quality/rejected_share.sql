-- rejected_share: the share of catalogue records rejected by the reader (spec: Input) stays within
-- --max-reject-share. Above it the snapshot is too damaged to count, so the run stops (exit code 3).
-- grain: one row (see model_names_unique.sql for the columns).

with rejected as (
    select reason from rejected_rows
),

reasons as (
    select
        regexp_replace(reason, '[:(].*$', '') as reason_kind,
        count(*) as records
    from rejected
    group by 1
),

totals as (
    select
        (select count(*) from rejected) as rejected_records,
        (select count(*) from rejected) + (select count(*) from catalogue_accepted) as read_records
)

select
    'rejected_share' as check,
    'error' as level,
    'share of catalogue records rejected' as metric,
    case when read_records = 0 then 0d else rejected_records / read_records end as value,
    cast(${max_reject_share} as double) as threshold,
    rejected_records as rows_affected,
    (select array_join(array_sort(collect_list(concat(trim(reason_kind), ': ', records))), '; ') from reasons) as details
from totals
