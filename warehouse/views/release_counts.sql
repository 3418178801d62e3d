-- release_counts: the rows of counts_in_context that report people released, freed
-- or pardoned. A heuristic on the words around the count in the article text:
--   before it, a release verb at most three words away ("Belarus freed 52",
--   "has pardoned more than 100", "frees American citizen and two others"), or
--   right after it, optionally after were/was/have been ("52 prisoners freed").
-- "more than 1,100 remained after the release" and "the release of all of them ...
-- 1,200 still in custody" are not releases and stay out. Uses counts_in_context,
-- so it sorts after it.
CREATE OR REPLACE VIEW release_counts AS
SELECT c.*
FROM counts_in_context c
JOIN articles a ON a.id = c.article_id
WHERE regexp_matches(
          substr(a.text, greatest(c.start_char - 60, 0) + 1, c.start_char - greatest(c.start_char - 60, 0)),
          '(?i)\b(releas\w*|free[sd]?|pardon\w*)\s+(\S+\s+){0,3}$')
   OR regexp_matches(
          substr(a.text, c.end_char + 1, 40),
          '(?i)^\s*,?\s*((were|was|are|is|have been|has been|had been|been)\s+)?(released|freed|pardoned)\b');
