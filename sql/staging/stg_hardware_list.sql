-- stg_hardware_list: the chips of the hardware file, each with its peak FLOP/s at its best precision.
-- grain: one row per hardware name key (hardware_key: lower case, "80 GB" = "80GB", punctuation as spaces); a key
-- listed twice keeps the first name in alphabetical order.
-- Peak: the highest floating-point figure among the precisions of conf/reference/hardware_precisions.csv (ties: the
-- file's preference order). A chip with no floating-point figure (Google TPU v1) gets its integer one (INT8 OP/s),
-- which peak_precision names.

with peaks as (
    select
        source.hardware_name,
        precisions.precision,
        precisions.number_kind = 'float' as is_float,
        cast(precisions.preference as int) as preference,
        try_cast(trim(source.peak) as double) as peak_flops
    from hardware_peaks_source as source
    join ref_hardware_precisions as precisions
        on source.source_column = precisions.source_column
),

best_peaks as (
    select
        hardware_name,
        max_by(struct(peak_flops, precision), struct(is_float, peak_flops, -preference)) as best
    from peaks
    where peak_flops > 0
    group by hardware_name
),

chips as (
    select
        trim(hardware_name) as hardware_name,
        hardware_key(hardware_name) as hardware_key,
        nullif(trim(manufacturer), '') as manufacturer,
        nullif(trim(hardware_type), '') as hardware_type,
        try_cast(trim(release_date) as date) as release_date
    from hardware_source
),

ranked as (
    select
        chips.*,
        best_peaks.best.peak_flops as peak_flops,
        best_peaks.best.precision as peak_precision,
        row_number() over (partition by chips.hardware_key order by chips.hardware_name) as key_rank
    from chips
    left join best_peaks
        on chips.hardware_name = trim(best_peaks.hardware_name)
    where chips.hardware_key is not null
)

select
    hardware_key,
    hardware_name,
    manufacturer,
    hardware_type,
    release_date,
    peak_flops,
    peak_precision
from ranked
where key_rank = 1
