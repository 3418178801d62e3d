-- Example: releases per month (release_events: the reports of one release in several articles are one
-- release; the month is that of its date when the date gives one, else that of its first report).
SELECT CASE WHEN regexp_matches(date, '^\d{4}-\d{2}') THEN left(date, 7)
            ELSE strftime(first_reported, '%Y-%m') END AS month,
       count(*) AS releases,
       sum(sources) AS reports,
       max(highest) AS largest,
       list_sort(list_distinct(flatten(list(counts)))) AS figures,
       list_sort(list_distinct(flatten(list(people)))) AS people
FROM release_events
GROUP BY month
ORDER BY month;
