-- 012: several crawls into one warehouse at once (the shared crawl mode, docs/shared_crawl.md).
-- Times are Unix epoch seconds (time.time() of the process that wrote them): every crawl writing
-- here shares the DuckDB file, so they run on one machine and read one clock.

-- A crawl run claims the URLs of a fetch batch before fetching them; a URL claimed by
-- another run is skipped while the claim is younger than the claim TTL (a setting).
-- A run renews its claims while it fetches and deletes them once the batch is archived;
-- a run that dies leaves claims that expire, and a later run fetches those URLs.
CREATE TABLE crawl_claims (
    url        VARCHAR PRIMARY KEY,   -- canonical page URL
    run_id     VARCHAR NOT NULL,      -- the claiming crawl run (host:pid:uuid)
    claimed_at DOUBLE NOT NULL        -- claim or last renewal
);

-- Per-host politeness across processes: the earliest time the next request to a host
-- may start, whoever makes it. A worker reserves the window [start, start + slack] in one
-- short transaction and moves next_at to start + slack + delay, then sleeps until start.
CREATE TABLE host_slots (
    host    VARCHAR PRIMARY KEY,      -- host[:port] as in the URL
    next_at DOUBLE NOT NULL
);
