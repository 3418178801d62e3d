-- facts: every extracted fact with its provenance, one row each: kind (person, count
-- or date), its normalised value, the text as written, the sentence and character
-- offsets into articles.text (substr(text, start_char + 1, end_char - start_char)
-- gives `text` back), and the article's URL, title and date.
CREATE OR REPLACE VIEW facts AS
SELECT 'person' AS kind,
       p.name AS value,
       CAST(NULL AS VARCHAR) AS qualifier,
       CAST(NULL AS VARCHAR) AS unit,
       m.person_id,
       m.text,
       m.sentence,
       m.start_char,
       m.end_char,
       m.article_id,
       a.canonical_url AS url,
       a.title,
       a.published
FROM person_mentions m
JOIN persons p ON p.id = m.person_id
JOIN articles a ON a.id = m.article_id
UNION ALL
SELECT 'count',
       CASE WHEN c.high IS NULL THEN CAST(c.value AS VARCHAR) ELSE c.value || '-' || c.high END,
       c.qualifier,
       c.unit,
       NULL,
       c.text,
       c.sentence,
       c.start_char,
       c.end_char,
       c.article_id,
       a.canonical_url,
       a.title,
       a.published
FROM counts c
JOIN articles a ON a.id = c.article_id
UNION ALL
SELECT 'date',
       d.value,
       NULL,
       NULL,
       NULL,
       d.text,
       d.sentence,
       d.start_char,
       d.end_char,
       d.article_id,
       a.canonical_url,
       a.title,
       a.published
FROM dates d
JOIN articles a ON a.id = d.article_id;
