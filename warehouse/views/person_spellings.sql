-- person_spellings: one row per person and spelling, with how many articles used
-- that spelling and when. Answers "every spelling of X and how widely it was used".
CREATE OR REPLACE VIEW person_spellings AS
SELECT m.person_id,
       p.name AS person,
       m.name AS spelling,
       count(DISTINCT m.article_id) AS articles,
       count(*) AS mentions,
       min(a.published) AS first_seen,
       max(a.published) AS last_seen
FROM person_mentions m
JOIN persons p ON p.id = m.person_id
JOIN articles a ON a.id = m.article_id
GROUP BY m.person_id, p.name, m.name;
