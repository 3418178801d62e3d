-- counts_in_context: every count of people with the date it refers to, the article
-- date, its qualifier and unit, and the source URL.
--
-- refers_to is chosen among the dates found in the count's own sentence: a date
-- after the count first ("freed 52 prisoners on September 11"), then one before it,
-- then the dateline ("VILNIUS, Sept 12 — ..."), each time the nearest one; with no
-- date in the sentence it is the article's publication date. refers_to_source says
-- which rule chose it; dates_in_sentence lists them all. refers_to_month is the
-- month of refers_to when that date is at least as precise as a month, else the
-- month of publication ("this year", "in 2020" and seasons are vaguer). event_kind is the kind of
-- the event the count belongs to (counts.event_kind: release, detention, sentence, held), else NULL.
CREATE OR REPLACE VIEW counts_in_context AS
WITH sentence_dates AS (
    SELECT c.article_id,
           c.start_char AS count_start,
           d.value,
           d.text,
           d.start_char,
           d.start_char >= c.end_char AS after_count,
           coalesce(regexp_extract(c.sentence, '^\s*[A-Z][A-Z .''-]+,\s+([^—–]{2,30}?)\s+[—–-]', 1) = d.text,
                    false) AS dateline
    FROM counts c
    JOIN dates d
      ON d.article_id = c.article_id
     AND d.sentence = c.sentence
     AND abs(d.start_char - c.start_char) < length(c.sentence)
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY article_id, count_start
                              ORDER BY dateline, NOT after_count, abs(start_char - count_start)) AS rank
    FROM sentence_dates
),
listed AS (
    SELECT article_id, count_start, list(value ORDER BY start_char) AS dates_in_sentence
    FROM sentence_dates
    GROUP BY article_id, count_start
)
SELECT c.article_id,
       a.published,
       c.value,
       c.high,
       c.qualifier,
       c.unit,
       c.text,
       coalesce(r.value, strftime(a.published, '%Y-%m-%d')) AS refers_to,
       CASE
           WHEN r.value IS NULL AND a.published IS NULL THEN NULL
           WHEN r.value IS NULL THEN 'published'
           WHEN r.dateline THEN 'dateline'
           WHEN r.after_count THEN 'after_count'
           ELSE 'before_count'
       END AS refers_to_source,
       r.text AS refers_to_text,
       CASE
           WHEN regexp_matches(r.value, '^\d{4}-\d{2}') THEN left(r.value, 7)
           ELSE strftime(a.published, '%Y-%m')
       END AS refers_to_month,
       coalesce(l.dates_in_sentence, []) AS dates_in_sentence,
       a.canonical_url AS url,
       a.title,
       a.site,
       c.sentence,
       c.start_char,
       c.end_char,
       c.event_kind
FROM counts c
JOIN articles a ON a.id = c.article_id
LEFT JOIN ranked r ON r.article_id = c.article_id AND r.count_start = c.start_char AND r.rank = 1
LEFT JOIN listed l ON l.article_id = c.article_id AND l.count_start = c.start_char;
