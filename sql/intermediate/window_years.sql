-- window_years: the year spine of the breakdowns, every release year of the window --from..--to.
-- grain: one row per year of the window, models or not. The one place the window is defined: the breakdowns join
-- it to keep their window's rows and left join from it to show years without models.

select explode(sequence(${from_year}, ${to_year})) as release_year
