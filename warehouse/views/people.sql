-- people: one row per resolved person with every spelling seen in the articles and
-- how often they were named. `spellings` is a list: filter with
-- list_contains(spellings, 'Tikhanovsky') or unnest(spellings).
CREATE OR REPLACE VIEW people AS
WITH spellings AS (
    SELECT person_id, list(alias ORDER BY alias) AS spellings
    FROM person_aliases
    GROUP BY person_id
),
seen AS (
    SELECT m.person_id,
           count(DISTINCT m.article_id) AS articles,
           count(*) AS mentions,
           min(a.published) AS first_seen,
           max(a.published) AS last_seen
    FROM person_mentions m
    JOIN articles a ON a.id = m.article_id
    GROUP BY m.person_id
)
SELECT p.id AS person_id,
       p.name,
       p.gazetteer_id,
       coalesce(s.spellings, []) AS spellings,
       coalesce(seen.articles, 0) AS articles,
       coalesce(seen.mentions, 0) AS mentions,
       seen.first_seen,
       seen.last_seen
FROM persons p
LEFT JOIN spellings s ON s.person_id = p.id
LEFT JOIN seen ON seen.person_id = p.id;
