-- Example: articles reporting at least 100 people freed (release_counts: a release verb next to the count).
SELECT published, title, text AS reported, refers_to
FROM release_counts
WHERE value >= 100 AND qualifier NOT IN ('up_to', 'fewer_than')
ORDER BY published;
