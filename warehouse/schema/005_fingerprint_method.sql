-- 005: the scheme each content fingerprint was made with. A faster simhash
-- (extractors.fingerprint.METHOD) replaced the first one; fingerprints of two schemes
-- cannot be compared, so the warehouse recomputes, from articles.text, every
-- fingerprint whose method is not the code's (warehouse.fingerprints.refresh).
-- Rows written before this migration were made by the first scheme.
ALTER TABLE content_fingerprints ADD COLUMN method VARCHAR DEFAULT 'bigram-blake2b-v1';
