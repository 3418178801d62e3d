-- 009: events — people released, detained, sentenced, or a stock still held — per article, the people
-- they happened to, and the link of reports of one happening across articles.
--
-- No primary keys, for the reason of 006: the loader lands each article's events once (one transaction
-- per batch: a replaced article's events, their people and their cluster rows are deleted before the new
-- ones are inserted, one row per (article_id, event_no)), and the tests and the fault suite check it.

-- One row per event an article reports (records.facts.EventFact), in text order within the article.
CREATE TABLE events (
    article_id  VARCHAR NOT NULL,
    event_no    INTEGER NOT NULL,      -- 0-based position among the article's events: the key with article_id
    kind        VARCHAR NOT NULL,      -- release | detention | sentence | held
    proposed    BOOLEAN NOT NULL,      -- offered, planned, negotiated or demanded; not done
    date        VARCHAR,               -- YYYY, YYYY-MM, YYYY-MM-DD (as dates.value); NULL: the page ties none to it
    count       BIGINT,                -- people it concerns, when stated (low end of a range)
    high        BIGINT,                -- high end of a range
    qualifier   VARCHAR,               -- as counts.qualifier, when count is set
    trigger     VARCHAR NOT NULL,      -- the words that report it, as written ("were freed")
    sentence    VARCHAR NOT NULL,      -- the sentence that reports it first
    start_char  INTEGER NOT NULL,      -- offsets of that sentence in articles.text
    end_char    INTEGER NOT NULL,
    count_start INTEGER,               -- counts.start_char of the count it took its figure from
    date_start  INTEGER                -- dates.start_char of the date it took its date from
);

-- One row per person an event happened to (its subjects; never the actor who pardoned).
CREATE TABLE event_people (
    article_id VARCHAR NOT NULL,
    event_no   INTEGER NOT NULL,
    person_id  VARCHAR NOT NULL
);

-- One row per event (report): the linked event it reports. Reports of one happening in different
-- articles share a cluster_id (warehouse.event_links); every report keeps its own row and figures.
CREATE TABLE event_clusters (
    cluster_id VARCHAR NOT NULL,       -- first 16 hex digits of the sha256 of its first-fetched report's "article_id:event_no"
    article_id VARCHAR NOT NULL,
    event_no   INTEGER NOT NULL
);

-- The kind of the event a count belongs to (events.count_start); NULL for a count no event took.
ALTER TABLE counts ADD COLUMN event_kind VARCHAR;
