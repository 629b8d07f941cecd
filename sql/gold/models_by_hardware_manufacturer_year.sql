-- grain: one row per manufacturer and release year that has models on matched hardware. A model trained on chips of
-- two manufacturers counts once for each; names that match no chip are in hardware_unmatched, not here.

select
    manufacturer,
    release_year,
    count(distinct model) as models,
    count(distinct hardware) as chips
from model_hardware
where matched
group by manufacturer, release_year
order by manufacturer, release_year
