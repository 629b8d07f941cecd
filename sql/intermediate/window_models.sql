-- window_models: the models released in the window --from..--to, the population the report counts.
-- grain: one row per model of the window, with every column of silver models.

select models.*
from models
join window_years
    on models.release_year = window_years.release_year
