-- grain: one row per model and hardware name listed in its Training hardware (a list, split like every list
-- field); a name that matches no chip is kept, with matched = false and no hardware figures.
-- Matching: the listed name's hardware_key equals a chip's key; else conf/reference/hardware_aliases.csv maps it to
-- a chip's name (matched_by says which).
-- chip_hours = training compute / (peak FLOP/s x ${utilization} utilization) / 3600 s: the chip-hours the run needed
-- had all of it run on this chip. A model that lists two chips gets one estimate per chip.

with listed as (
    select
        model,
        release_year,
        training_compute_flop,
        hardware_quantity,
        posexplode(split_list(training_hardware)) as (position, training_hardware)
    from models
    where training_hardware is not null
),

aliases as (
    select
        hardware_key(catalogue_name) as alias_key,
        min(hardware_key(hardware_name)) as hardware_key
    from ref_hardware_aliases
    group by hardware_key(catalogue_name)
),

-- The hardware list is small (hundreds to thousands of chips): broadcast, so the models' rows are never shuffled.
resolved as (
    select /*+ BROADCAST(by_name, aliases, by_alias) */
        listed.*,
        coalesce(by_name.hardware_key, by_alias.hardware_key) as hardware_key,
        case
            when by_name.hardware_key is not null then 'name'
            when by_alias.hardware_key is not null then 'alias'
        end as matched_by
    from listed
    left join stg_hardware_list as by_name
        on hardware_key(listed.training_hardware) = by_name.hardware_key
    left join aliases
        on hardware_key(listed.training_hardware) = aliases.alias_key
    left join stg_hardware_list as by_alias
        on aliases.hardware_key = by_alias.hardware_key
)

select /*+ BROADCAST(chips) */
    resolved.model,
    resolved.release_year,
    resolved.position + 1 as hardware_position,
    resolved.training_hardware,
    resolved.matched_by is not null as matched,
    resolved.matched_by,
    chips.hardware_name as hardware,
    chips.manufacturer,
    chips.hardware_type,
    chips.release_date as hardware_release_date,
    chips.peak_flops,
    chips.peak_precision,
    resolved.training_compute_flop,
    resolved.hardware_quantity,
    resolved.training_compute_flop / (chips.peak_flops * ${utilization}) / 3600 as chip_hours
from resolved
left join stg_hardware_list as chips
    on resolved.hardware_key = chips.hardware_key
