-- 004: the ledger of installed views. Views live in warehouse/views/*.sql and are
-- (re)installed by the migration runner whenever their text changes; this table
-- records which ones this file holds and the sha256 of each definition.
CREATE TABLE schema_views (
    name       VARCHAR PRIMARY KEY,       -- view name = file stem in warehouse/views/
    sha256     VARCHAR NOT NULL,          -- of the .sql file that created it
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
