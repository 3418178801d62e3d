-- held_over_time: the reported number of political prisoners (people still held) by date and source:
-- one row per report of a stock still held that gives a count (events of kind 'held', not proposed),
-- oldest first.
--   date        the date the stock refers to (events.date, "as of March 5"), else the article's
--               publication date ("more than 1,100 remain behind bars" is as of the day it was written)
--   date_from   which of the two: 'event' or 'published'
--   count, high, qualifier   the figure (a range's high end; more_than, about, ...); reported: as written
--   site, url, title, published, sentence   the source; cluster_id: reports of the same stock linked
CREATE OR REPLACE VIEW held_over_time AS
SELECT coalesce(e.date, strftime(a.published, '%Y-%m-%d')) AS date,
       CASE WHEN e.date IS NOT NULL THEN 'event' WHEN a.published IS NOT NULL THEN 'published' END AS date_from,
       e.count,
       e.high,
       e.qualifier,
       c.text AS reported,
       a.site,
       a.canonical_url AS url,
       a.title,
       a.published,
       e.sentence,
       e.start_char,
       e.end_char,
       e.article_id,
       k.cluster_id
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN counts c ON c.article_id = e.article_id AND c.start_char = e.count_start
LEFT JOIN event_clusters k ON k.article_id = e.article_id AND k.event_no = e.event_no
WHERE e.kind = 'held' AND NOT e.proposed AND e.count IS NOT NULL
ORDER BY date, a.site, url, e.start_char;
