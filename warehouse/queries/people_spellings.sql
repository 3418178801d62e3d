-- Who was named: each person with every spelling seen and how many articles named them.
SELECT p.name AS person,
       count(DISTINCT m.article_id) AS articles,
       string_agg(DISTINCT a.alias, ' | ' ORDER BY a.alias) AS spellings
FROM persons p
JOIN person_mentions m ON m.person_id = p.id
JOIN person_aliases a ON a.person_id = p.id
GROUP BY p.name
ORDER BY articles DESC, person
LIMIT 15;
