-- 008: how many runs have tried each page. A page whose fetch fails transiently
-- (a timeout, a body still trickling in at the deadline, a 5xx) was recorded
-- 'retry' and fetched again on every run forever; now, after the fetch setting
-- max_attempts (3 by default) tries it is recorded 'failed' with the reason
-- "gave up after N attempts: <last reason>". Rows from before count from 0.
ALTER TABLE crawl_state ADD COLUMN attempts INTEGER DEFAULT 0;
