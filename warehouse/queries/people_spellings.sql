-- Who was named: each person with every spelling seen and how many articles named them.
SELECT name AS person, articles, spellings
FROM people
WHERE articles > 0
ORDER BY articles DESC, person
LIMIT 15;
