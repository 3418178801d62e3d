-- 006: the fact tables (person_mentions, counts, dates) lose their primary keys.
-- DuckDB keeps a primary key as an ART index that must fit in memory and grows
-- with every row (~70 fact rows an article): a writer's memory grew with the
-- warehouse, and every insert paid for the index. The loader already lands each
-- article's facts exactly once (one transaction per batch: an article's facts
-- are deleted before its new ones are inserted, one row per start offset), and
-- the tests and the fault suite check that no (article_id, start_char) repeats.
-- DuckDB cannot drop a constraint, so each table is copied without it.

CREATE TABLE person_mentions_006 (
    article_id VARCHAR NOT NULL,
    person_id  VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL
);
INSERT INTO person_mentions_006 SELECT article_id, person_id, text, name, start_char, end_char, sentence
    FROM person_mentions;
DROP TABLE person_mentions;
ALTER TABLE person_mentions_006 RENAME TO person_mentions;

CREATE TABLE counts_006 (
    article_id VARCHAR NOT NULL,
    value      BIGINT NOT NULL,
    high       BIGINT,
    qualifier  VARCHAR NOT NULL,
    unit       VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL
);
INSERT INTO counts_006 SELECT article_id, value, high, qualifier, unit, text, start_char, end_char, sentence
    FROM counts;
DROP TABLE counts;
ALTER TABLE counts_006 RENAME TO counts;

CREATE TABLE dates_006 (
    article_id VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL
);
INSERT INTO dates_006 SELECT article_id, value, text, start_char, end_char, sentence FROM dates;
DROP TABLE dates;
ALTER TABLE dates_006 RENAME TO dates;
