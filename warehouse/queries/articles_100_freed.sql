-- Example: articles reporting at least 100 people freed: each report of a release (release_events) that
-- gives 100 or more ("still holds about 1,270 political prisoners" is a stock held, not a release).
SELECT a.published, a.title, coalesce(c.text, CAST(e.count AS VARCHAR)) AS reported, r.date AS refers_to
FROM release_events r
JOIN event_clusters k ON k.cluster_id = r.cluster_id
JOIN events e ON e.article_id = k.article_id AND e.event_no = k.event_no
JOIN articles a ON a.id = e.article_id
LEFT JOIN counts c ON c.article_id = e.article_id AND c.start_char = e.count_start
WHERE coalesce(e.high, e.count) >= 100 AND e.qualifier NOT IN ('up_to', 'fewer_than')
ORDER BY a.published, a.title;
