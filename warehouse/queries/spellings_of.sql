-- Example: every spelling of Tsikhanouskaya and the articles that used it.
SELECT spelling, published, title
FROM person_timeline
WHERE person_id IN (SELECT person_id FROM people WHERE list_contains(spellings, 'Sviatlana Tsikhanouskaya'))
GROUP BY ALL
ORDER BY spelling, published;
