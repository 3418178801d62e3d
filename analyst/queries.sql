-- The warehouse reads behind the analysts' pages (analyst/store.py); each query follows a "-- name:" line.
-- Parameters are positional (?).

-- name: summary
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM persons) AS people,
       (SELECT count(*) FROM release_events) AS releases,
       (SELECT count(*) FROM linked_events) AS happenings,
       (SELECT count(*) FROM events) AS reports,
       (SELECT max(published) FROM articles) AS newest;

-- name: aliases
-- every spelling a person was seen under, and the canonical name itself
SELECT person_id, alias FROM person_aliases
UNION
SELECT id, name FROM persons
ORDER BY 1, 2;

-- name: people_by_gazetteer
SELECT id FROM persons WHERE gazetteer_id = ?;

-- name: people
SELECT person_id, name, spellings, articles, mentions, first_seen, last_seen
FROM people
ORDER BY articles DESC, mentions DESC, name;

-- name: person
SELECT person_id, name, gazetteer_id, spellings, articles, mentions, first_seen, last_seen
FROM people WHERE person_id = ?;

-- name: person_events
SELECT cluster_id, kind, date, count, reports, event_sources, sites, sources, first_reported, sentence
FROM person_events WHERE person_id = ?
ORDER BY coalesce(date, strftime(first_reported, '%Y-%m-%d')), kind, cluster_id;

-- name: person_mentions
SELECT m.article_id, a.title, a.canonical_url AS url, a.site, a.published, m.text, m.start_char, m.end_char,
       m.sentence
FROM person_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.person_id = ?
ORDER BY a.published NULLS LAST, a.id, m.start_char;

-- name: release_events
SELECT cluster_id, date, first_reported, lowest, highest, counts, sources, people, person_ids, sites, urls, sentence,
       title
FROM release_events;

-- name: linked_events
SELECT cluster_id, kind, proposed, date, count, lowest, highest, counts, reports, sites, first_reported,
       last_reported, people, person_ids, sentence, title
FROM linked_events
ORDER BY coalesce(date, strftime(first_reported, '%Y-%m-%d')) DESC, cluster_id;

-- name: release_reports
-- one row per report of a release (a mark per source on the chart): the happening's date, the report's figure
SELECT l.cluster_id, coalesce(l.date, strftime(l.first_reported, '%Y-%m-%d')) AS date, e.count, e.high,
       e.qualifier, coalesce(a.site, a.canonical_url) AS source, a.title, e.article_id
FROM linked_events l
JOIN event_clusters k ON k.cluster_id = l.cluster_id
JOIN events e ON e.article_id = k.article_id AND e.event_no = k.event_no
JOIN articles a ON a.id = e.article_id
WHERE l.kind = 'release' AND NOT l.proposed AND e.count IS NOT NULL
ORDER BY date, l.cluster_id, source;

-- name: held
SELECT date, count, high, qualifier, reported, coalesce(site, url) AS source, url, title, sentence, article_id
FROM held_over_time;

-- name: event
SELECT cluster_id, kind, proposed, date, count, lowest, highest, counts, reports, sites, first_reported,
       last_reported, people, person_ids, sentence, title
FROM linked_events WHERE cluster_id = ?;

-- name: event_reports
SELECT e.article_id, e.event_no, e.date, e.count, e.high, e.qualifier, e.trigger, e.sentence, e.start_char,
       e.end_char, a.title, a.canonical_url AS url, a.site, a.published
FROM event_clusters k
JOIN events e ON e.article_id = k.article_id AND e.event_no = k.event_no
JOIN articles a ON a.id = e.article_id
WHERE k.cluster_id = ?
ORDER BY a.published NULLS LAST, e.article_id, e.event_no;

-- name: event_people
SELECT DISTINCT p.id AS person_id, p.name
FROM event_clusters k
JOIN event_people ep ON ep.article_id = k.article_id AND ep.event_no = k.event_no
JOIN persons p ON p.id = ep.person_id
WHERE k.cluster_id = ?
ORDER BY p.name;

-- name: articles
SELECT id, title, canonical_url AS url, site, published, fetched_at
FROM articles
ORDER BY published DESC NULLS LAST, id;

-- name: article
SELECT id, title, canonical_url AS url, site, published, author, text FROM articles WHERE id = ?;

-- name: article_mentions
SELECT m.start_char, m.end_char, m.text, m.person_id, p.name
FROM person_mentions m JOIN persons p ON p.id = m.person_id
WHERE m.article_id = ? ORDER BY m.start_char;

-- name: article_counts
SELECT start_char, end_char, text, value, high, qualifier, unit, event_kind
FROM counts WHERE article_id = ? ORDER BY start_char;

-- name: article_dates
SELECT start_char, end_char, text, value FROM dates WHERE article_id = ? ORDER BY start_char;

-- name: article_events
SELECT e.event_no, e.kind, e.proposed, e.date, e.count, e.trigger, e.start_char, e.end_char, k.cluster_id
FROM events e
LEFT JOIN event_clusters k ON k.article_id = e.article_id AND k.event_no = e.event_no
WHERE e.article_id = ? ORDER BY e.event_no;

-- name: search_texts
-- what the full-text index is built from (analyst/search.py)
SELECT id, coalesce(title, '') AS title, text FROM articles;
