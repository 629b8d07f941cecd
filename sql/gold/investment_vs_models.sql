-- grain: one row per country code and year of the investment input, plus the country-years in those years that have
-- models but no investment figure (investment_usd null). models counts as models_by_country_year: a co-developed
-- model once for each of its countries. models_per_usd_1b = models / (investment_usd / 10^9).

with investment as (
    select
        country_code,
        year,
        sum(amount_usd) as investment_usd,
        sum(records) as investment_records,
        first(country_name, true) as input_country_name
    from stg_investment_records
    where skip_reason is null
    group by country_code, year
),

investment_years as (
    select min(year) as first_year, max(year) as last_year
    from investment
),

models_per_country_year as (
    select
        country_code,
        release_year as year,
        count(*) as models
    from model_countries
    cross join investment_years
    where release_year between investment_years.first_year and investment_years.last_year
    group by country_code, release_year
),

joined as (
    select
        coalesce(investment.country_code, models_per_country_year.country_code) as country_code,
        coalesce(investment.year, models_per_country_year.year) as year,
        investment.investment_usd,
        investment.investment_records,
        coalesce(models_per_country_year.models, 0) as models,
        investment.input_country_name
    from investment
    full outer join models_per_country_year
        on investment.country_code = models_per_country_year.country_code
        and investment.year = models_per_country_year.year
)

select
    joined.country_code,
    coalesce(country_names.country_name_en, joined.input_country_name) as country_name_en,
    country_names.country_name_ko,
    joined.year,
    joined.investment_usd,
    joined.investment_records,
    joined.models,
    case when joined.investment_usd > 0 then joined.models / (joined.investment_usd / 1e9) end as models_per_usd_1b
from joined
left join ref_country_names as country_names
    on joined.country_code = country_names.country_code
order by joined.year, joined.country_code
