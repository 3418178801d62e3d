-- 007: persons and person_aliases lose their primary keys too, for the reason
-- of 006: on news naming many people a new spelling arrives with nearly every
-- article, and each key's in-memory index grew the writer's memory with the
-- warehouse. The loader inserts only the people and spellings not yet stored
-- (an anti-join per batch, inside the batch's transaction), so each still lands once.

CREATE TABLE persons_007 (
    id           VARCHAR NOT NULL,      -- gazetteer id, or a hash of the normalised name key
    name         VARCHAR NOT NULL,      -- canonical or most complete spelling
    gazetteer_id VARCHAR
);
INSERT INTO persons_007 SELECT id, name, gazetteer_id FROM persons;
DROP TABLE persons;
ALTER TABLE persons_007 RENAME TO persons;

CREATE TABLE person_aliases_007 (
    person_id VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL          -- a spelling as written, titles stripped
);
INSERT INTO person_aliases_007 SELECT person_id, alias FROM person_aliases;
DROP TABLE person_aliases;
ALTER TABLE person_aliases_007 RENAME TO person_aliases;
