-- event_disagreements: happenings whose reports disagree, one row per figure given, with its sources.
-- A happening is linked_events' cluster (event_clusters); its reports disagree on
--   'count' when they give more than one figure (14 freed in one article, 16 in another);
--   'date'  when they give two dates neither of which contains the other ("2025-09" and "2025-09-11"
--           agree: one is the other at a coarser granularity; "2025-09-11" and "2025-09-12" do not).
--   figure      the count ("14", a range "14-16") or the date, as reported; qualifiers: how it was qualified
--   reports     how many reports give it; sources, sites: which articles, earliest first
--   kind, proposed, date: the happening's (date: its most specific date, as in linked_events)
-- Sorts before linked_events, so it does not use it.
CREATE OR REPLACE VIEW event_disagreements AS
WITH reports AS (
    SELECT k.cluster_id, e.kind, e.proposed, e.date, e.count, e.high, e.qualifier, e.article_id,
           a.canonical_url AS url, a.site, a.published
    FROM event_clusters k
    JOIN events e ON e.article_id = k.article_id AND e.event_no = k.event_no
    JOIN articles a ON a.id = e.article_id
),
figures AS (
    SELECT cluster_id, 'count' AS aspect,
           CASE WHEN high IS NULL THEN CAST(count AS VARCHAR) ELSE count || '-' || high END AS figure,
           qualifier, url, site, published, article_id
    FROM reports WHERE count IS NOT NULL
    UNION ALL
    SELECT cluster_id, 'date', date, NULL, url, site, published, article_id
    FROM reports WHERE date IS NOT NULL
),
given AS (
    SELECT cluster_id, aspect, figure,
           list_sort(list(DISTINCT qualifier) FILTER (WHERE qualifier IS NOT NULL)) AS qualifiers,
           count(*) AS reports,
           list(url ORDER BY published NULLS LAST, article_id) AS sources,
           list_sort(list(DISTINCT site) FILTER (WHERE site IS NOT NULL)) AS sites
    FROM figures
    GROUP BY cluster_id, aspect, figure
),
disputed AS (
    SELECT DISTINCT x.cluster_id, x.aspect
    FROM given x
    JOIN given y ON y.cluster_id = x.cluster_id AND y.aspect = x.aspect AND y.figure <> x.figure
    WHERE x.aspect = 'count' OR NOT (starts_with(x.figure, y.figure) OR starts_with(y.figure, x.figure))
),
dated AS (
    SELECT cluster_id, date,
           row_number() OVER (PARTITION BY cluster_id ORDER BY length(date) DESC, count(*) DESC, date) AS rank
    FROM reports WHERE date IS NOT NULL
    GROUP BY cluster_id, date
),
happening AS (
    SELECT cluster_id, any_value(kind) AS kind, any_value(proposed) AS proposed FROM reports GROUP BY cluster_id
)
SELECT g.cluster_id,
       h.kind,
       h.proposed,
       d.date,
       g.aspect,
       g.figure,
       g.qualifiers,
       g.reports,
       g.sources,
       g.sites
FROM given g
JOIN disputed USING (cluster_id, aspect)
JOIN happening h USING (cluster_id)
LEFT JOIN dated d ON d.cluster_id = g.cluster_id AND d.rank = 1
ORDER BY d.date NULLS LAST, g.cluster_id, g.aspect, g.reports DESC, g.figure;
