-- Example: people reported released, by the month the release happened (else the month of publication).
SELECT refers_to_month AS month,
       count(DISTINCT article_id) AS articles,
       count(*) AS reports,
       max(value) AS largest,
       list_sort(list(DISTINCT value)) AS figures
FROM release_counts
GROUP BY month
ORDER BY month;
