-- Example: every spelling of Tsikhanouskaya and the articles that used it.
SELECT m.name AS spelling, a.title, a.published
FROM person_mentions m
JOIN persons p ON p.id = m.person_id
JOIN articles a ON a.id = m.article_id
WHERE p.id IN (SELECT person_id FROM person_aliases WHERE alias ILIKE '%anouskaya%' OR alias ILIKE '%novskaya%')
GROUP BY ALL
ORDER BY a.published;
