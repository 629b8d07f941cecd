-- window_years: the year spine of the breakdowns, every release year of the window --from..--to.
-- grain: one row per year of the window, models or not. The one place the window is defined: the breakdowns join
-- it to keep their window's rows and left join from it to show years without models.
-- range, not explode(sequence(...)): Spark folds a sequence of constants while planning, and its first evaluation in
-- a JVM starts Scala's runtime reflection, 0.6 s of a census's planning (docs/benchmarks.md).

select cast(id as int) as release_year
from range(${from_year}, ${to_year} + 1)
