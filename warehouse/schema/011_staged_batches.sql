-- 011: batches of archived pages extracted on other processes or machines (the scaled path, docs/scale.md).
--
-- A run claims a batch of pending pages (a row here), a worker extracts it and writes its facts to one
-- Parquet file beside the warehouse (<db>.staging/<batch_id>.parquet), and the one merger loads that file
-- into the warehouse and sets loaded_at. Pages of a batch claimed less than a TTL ago and not loaded are
-- left to their run; a run that died leaves a claim that expires, and its pages are claimed again.
-- A batch whose loaded_at is set is never loaded again, so a staged file merged twice lands once.
CREATE TABLE staged_batches (
    batch_id   VARCHAR PRIMARY KEY,
    page_ids   BIGINT[] NOT NULL,
    reprocess  BOOLEAN NOT NULL DEFAULT FALSE,
    claimed_by VARCHAR NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    loaded_at  TIMESTAMP
);
