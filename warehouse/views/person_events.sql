-- person_events: one row per person and happening they were a subject of (released, detained, sentenced,
-- held: event_people, never the actor who pardoned or the envoy who brokered), happenings linked across
-- articles (linked_events). Proposed events (offered, planned, demanded) are left out: they did not
-- happen; the events and event_people tables keep them.
--   kind, date, count   of the happening (linked_events: the most specific date, the figure most reports give)
--   sources, sites      the articles (URLs) that name this person in it, earliest first; reports: how many
--   first_reported      publication date of the earliest of those
--   sentence            the sentence of that earliest report
--   event_sources       how many articles reported the happening at all
-- Uses linked_events, so it sorts after it.
CREATE OR REPLACE VIEW person_events AS
SELECT ep.person_id,
       p.name AS person,
       l.kind,
       l.date,
       l.count,
       list(a.canonical_url ORDER BY a.published NULLS LAST, a.id) AS sources,
       list_sort(list(DISTINCT a.site) FILTER (WHERE a.site IS NOT NULL)) AS sites,
       count(*) AS reports,
       min(a.published) AS first_reported,
       first(e.sentence ORDER BY a.published NULLS LAST, a.id) AS sentence,
       l.reports AS event_sources,
       l.cluster_id
FROM event_people ep
JOIN events e ON e.article_id = ep.article_id AND e.event_no = ep.event_no
JOIN event_clusters k ON k.article_id = ep.article_id AND k.event_no = ep.event_no
JOIN linked_events l ON l.cluster_id = k.cluster_id
JOIN persons p ON p.id = ep.person_id
JOIN articles a ON a.id = ep.article_id
WHERE NOT l.proposed
GROUP BY ep.person_id, p.name, l.kind, l.date, l.count, l.reports, l.cluster_id;
