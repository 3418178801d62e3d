-- 001: the core warehouse. Every fact row carries its article id, character
-- offsets into articles.text and the sentence it came from (provenance).

CREATE TABLE articles (
    id                VARCHAR PRIMARY KEY,   -- stable: hash of the canonical URL
    url               VARCHAR NOT NULL,      -- the URL it was first fetched from
    canonical_url     VARCHAR NOT NULL,
    title             VARCHAR,
    published         DATE,
    author            VARCHAR,
    site              VARCHAR,
    language          VARCHAR,
    text              VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,      -- sha256 of whitespace/case-normalised text
    fetched_at        TIMESTAMP NOT NULL,
    extractor_version VARCHAR NOT NULL
);

-- Every URL under which an article was seen (tracking parameters, syndicated copies).
CREATE TABLE article_urls (
    url        VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    relation   VARCHAR NOT NULL DEFAULT 'self'   -- self | alias | duplicate
);

CREATE TABLE persons (
    id           VARCHAR PRIMARY KEY,   -- gazetteer id, or a hash of the normalised name key
    name         VARCHAR NOT NULL,      -- canonical or most complete spelling
    gazetteer_id VARCHAR
);

CREATE TABLE person_aliases (
    person_id VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL,         -- a spelling as written, titles stripped
    PRIMARY KEY (person_id, alias)
);

CREATE TABLE person_mentions (
    article_id VARCHAR NOT NULL,
    person_id  VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,        -- surface form as written
    name       VARCHAR NOT NULL,        -- bare name
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL,
    PRIMARY KEY (article_id, start_char)
);

CREATE TABLE counts (
    article_id VARCHAR NOT NULL,
    value      BIGINT NOT NULL,         -- low end for a range
    high       BIGINT,                  -- high end for a range
    qualifier  VARCHAR NOT NULL,        -- exact|at_least|more_than|about|up_to|fewer_than|range
    unit       VARCHAR NOT NULL,        -- counted noun phrase, e.g. 'political prisoners'
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL,
    PRIMARY KEY (article_id, start_char)
);

CREATE TABLE dates (
    article_id VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,        -- YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-SU ...
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   VARCHAR NOT NULL,
    PRIMARY KEY (article_id, start_char)
);

-- One row per URL fetch attempt that failed, with its reason (a run never stops for one URL).
CREATE TABLE fetch_failures (
    url       VARCHAR NOT NULL,
    stage     VARCHAR NOT NULL,         -- discover | fetch | extract
    reason    VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
