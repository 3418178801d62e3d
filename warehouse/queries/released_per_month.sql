-- Example: people reported released, by month of publication.
SELECT strftime(a.published, '%Y-%m') AS month,
       count(*) AS reports,
       max(c.value) AS largest_count
FROM counts c
JOIN articles a ON a.id = c.article_id
WHERE c.sentence ILIKE '%releas%' OR c.sentence ILIKE '%freed%' OR c.sentence ILIKE '%pardon%'
GROUP BY month
ORDER BY month;
