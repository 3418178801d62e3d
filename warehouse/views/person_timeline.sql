-- person_timeline: every mention of a person, oldest article first, with the spelling
-- used, the article it came from and where in that article (sentence and character
-- offsets into articles.text). Filter on person or person_id; add your own ORDER BY
-- when you join or aggregate.
CREATE OR REPLACE VIEW person_timeline AS
SELECT m.person_id,
       p.name AS person,
       a.published,
       m.name AS spelling,
       m.text AS written_as,
       a.title,
       a.canonical_url AS url,
       a.site,
       m.sentence,
       m.start_char,
       m.end_char,
       m.article_id
FROM person_mentions m
JOIN persons p ON p.id = m.person_id
JOIN articles a ON a.id = m.article_id
ORDER BY p.name, a.published, m.article_id, m.start_char;
