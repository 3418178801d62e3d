-- release_events: one row per release that happened (linked_events of kind 'release', proposed ones left
-- out: an offer to release is in linked_events with proposed = true), newest first.
--   date            the most specific date its reports give (NULL when none does: see first_reported)
--   lowest, highest the smallest and the largest number of people reported released; counts: every figure
--   sources         how many articles reported it; sites, urls: which
--   people          the people any report names as released (never the one who pardoned them)
-- Uses linked_events, so it sorts after it.
CREATE OR REPLACE VIEW release_events AS
SELECT cluster_id,
       date,
       first_reported,
       lowest,
       highest,
       counts,
       reports AS sources,
       people,
       person_ids,
       sites,
       urls,
       sentence,
       title
FROM linked_events
WHERE kind = 'release' AND NOT proposed
ORDER BY coalesce(date, strftime(first_reported, '%Y-%m-%d')) DESC, cluster_id;
