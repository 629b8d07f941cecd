-- functions: the census's SQL functions as DuckDB macros.
-- split_list(text) is the spec's list rule (README, Parameters and functions in SQL): split on ',', trim each
-- item, drop empty items, drop repeated items keeping the first, order kept; null gives an empty list.

create or replace macro list_items(text) as
    list_filter(
        list_transform(string_split(text, ','), lambda item: trim(item, ' ' || chr(9) || chr(10) || chr(13))),
        lambda item: item <> ''
    );

-- Keeps the first of repeated items, in order (list_distinct does not keep the order).
create or replace macro first_occurrences(items) as
    list_filter(items, lambda item, position: list_position(items, item) = position);

create or replace macro split_list(text) as
    case when text is null then []::varchar[] else first_occurrences(list_items(text)) end;
