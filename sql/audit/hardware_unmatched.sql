-- grain: one row per hardware name as listed in the catalogue. Add a line to conf/reference/hardware_aliases.csv
-- (catalogue_name, hardware_name) to match one, or leave it unmatched when the hardware file has no such chip.

select
    training_hardware,
    hardware_key(training_hardware) as hardware_key,
    count(distinct model) as models,
    min(model) as example_model,
    min(release_year) as first_release_year,
    max(release_year) as last_release_year
from model_hardware
where not matched
group by training_hardware
order by models desc, training_hardware
