-- linked_events: one row per happening, all its reports linked across articles (event_clusters; the
-- linking rule is in docs/warehouse.md#linking-reports-across-sources): kind, proposed, and from its reports:
--   date            the most specific date reported (a day before a month before a year); among equally
--                   specific dates the one most reports give, then the earliest; NULL when none gives one
--   count           the figure most reports give (the lower one on a tie); lowest / highest: the smallest
--                   count and the largest (a range's high end) reported; counts: every figure reported
--   reports         how many reports (one per article); sites, urls: where, earliest report first
--   first_reported, last_reported: publication dates of its earliest and latest report
--   people, person_ids: everyone any report names as a subject (released, detained, ...), by name
--   sentence, title: of the earliest report
CREATE OR REPLACE VIEW linked_events AS
WITH reports AS (
    SELECT k.cluster_id, e.*, a.published, a.canonical_url AS url, a.site, a.title,
           row_number() OVER (PARTITION BY k.cluster_id ORDER BY a.published NULLS LAST, e.article_id, e.event_no)
               AS age
    FROM event_clusters k
    JOIN events e ON e.article_id = k.article_id AND e.event_no = k.event_no
    JOIN articles a ON a.id = e.article_id
),
best_date AS (
    SELECT cluster_id, date,
           row_number() OVER (PARTITION BY cluster_id ORDER BY length(date) DESC, count(*) DESC, date) AS rank
    FROM reports WHERE date IS NOT NULL
    GROUP BY cluster_id, date
),
figures AS (
    SELECT cluster_id, count,
           row_number() OVER (PARTITION BY cluster_id ORDER BY count(*) DESC, count) AS rank
    FROM reports WHERE count IS NOT NULL
    GROUP BY cluster_id, count
),
named AS (
    SELECT k.cluster_id,
           list_sort(list(DISTINCT p.name)) AS people,
           list_sort(list(DISTINCT p.id)) AS person_ids
    FROM event_clusters k
    JOIN event_people ep ON ep.article_id = k.article_id AND ep.event_no = k.event_no
    JOIN persons p ON p.id = ep.person_id
    GROUP BY k.cluster_id
)
SELECT r.cluster_id,
       any_value(r.kind) AS kind,
       any_value(r.proposed) AS proposed,
       any_value(d.date) AS date,
       any_value(f.count) AS count,
       min(r.count) AS lowest,
       max(coalesce(r.high, r.count)) AS highest,
       list_sort(list(DISTINCT r.count) FILTER (WHERE r.count IS NOT NULL)) AS counts,
       count(*) AS reports,
       list_sort(list(DISTINCT r.site) FILTER (WHERE r.site IS NOT NULL)) AS sites,
       list(r.url ORDER BY r.age) AS urls,
       min(r.published) AS first_reported,
       max(r.published) AS last_reported,
       coalesce(any_value(n.people), []) AS people,
       coalesce(any_value(n.person_ids), []) AS person_ids,
       any_value(r.sentence) FILTER (WHERE r.age = 1) AS sentence,
       any_value(r.title) FILTER (WHERE r.age = 1) AS title
FROM reports r
LEFT JOIN best_date d ON d.cluster_id = r.cluster_id AND d.rank = 1
LEFT JOIN figures f ON f.cluster_id = r.cluster_id AND f.rank = 1
LEFT JOIN named n ON n.cluster_id = r.cluster_id
GROUP BY r.cluster_id;
