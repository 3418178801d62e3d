-- 003: crawl state for incremental runs, the raw page archive, and content fingerprints.

-- One row per feed, sitemap or page URL the crawler has dealt with. Feeds and
-- sitemaps keep their validators (ETag / Last-Modified) and the links they
-- listed, so an unchanged one costs a 304; pages keep their outcome, so a
-- second run does not fetch them again (only 'retry' ones are fetched again).
CREATE TABLE crawl_state (
    url           VARCHAR PRIMARY KEY,   -- canonical URL
    kind          VARCHAR NOT NULL,      -- feed | sitemap | page
    etag          VARCHAR,
    last_modified VARCHAR,
    links         VARCHAR[],             -- feed/sitemap: article links it listed
    children      VARCHAR[],             -- sitemap index: child sitemaps
    outcome       VARCHAR NOT NULL,      -- listed | fetched | article | alias | duplicate | not_article | failed | retry
    reason        VARCHAR,
    checked_at    TIMESTAMP NOT NULL
);

-- Every page fetched, as received: gzip-compressed body with HTTP status,
-- final URL (after redirects) and fetch time. Extraction reads pages from here,
-- so `newsfacts reprocess` can re-run a newer extractor without the network.
CREATE SEQUENCE raw_pages_id START 1;

CREATE TABLE raw_pages (
    id            BIGINT PRIMARY KEY DEFAULT nextval('raw_pages_id'),
    url           VARCHAR NOT NULL,      -- canonical URL requested
    final_url     VARCHAR NOT NULL,
    status        INTEGER NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    content_type  VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    source        VARCHAR,               -- name of the source in the sources file
    language      VARCHAR,               -- the source's language hint
    body_gzip     BLOB NOT NULL,
    extracted_at  TIMESTAMP              -- NULL until the extract flow has read it
);

-- 64-bit simhash of each article's text: a near-identical text under another
-- canonical URL (a syndicated copy) is linked to the article, not loaded again.
CREATE TABLE content_fingerprints (
    article_id VARCHAR PRIMARY KEY,
    simhash    UBIGINT NOT NULL
);
