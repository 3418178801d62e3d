-- Example: articles reporting at least 100 people freed.
SELECT DISTINCT a.published, a.title, c.text
FROM counts c
JOIN articles a ON a.id = c.article_id
WHERE coalesce(c.high, c.value) >= 100
  AND (c.sentence ILIKE '%releas%' OR c.sentence ILIKE '%freed%' OR c.sentence ILIKE '%pardon%')
ORDER BY a.published;
