-- stg_catalogue_scope: whether the census counts each accepted catalogue record, by --min-compute.
-- grain: one row per accepted record (catalogue_accepted), with excluded_reason: null for a record the census counts;
-- with --min-compute FLOP, 'no_compute_figure' when its training compute is empty or not a number and
-- 'below_min_compute' when it is below FLOP. Without --min-compute every record is counted.
-- stg_catalogue reads the counted records only, so the others enter no silver, gold or audit table. They are not
-- rejected: census_runs counts them in rows_accepted and, per reason, in rows_excluded; the reader's checks
-- (rejected_share, numbers_numeric) still see the whole file.

with catalogue as (
    select * from catalogue_accepted
),

scope as (
    select cast(${min_compute_flop} as double) as min_compute_flop
),

-- the compute figure is parsed as stg_catalogue parses it: a cell that is not a number is no figure
classified as (
    select
        catalogue.*,
        case
            when scope.min_compute_flop is null then null
            when try_cast(trim(catalogue.training_compute_flop) as double) is null then 'no_compute_figure'
            when try_cast(trim(catalogue.training_compute_flop) as double) < scope.min_compute_flop then 'below_min_compute'
        end as excluded_reason
    from catalogue
    cross join scope
)

select * from classified
