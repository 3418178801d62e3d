-- 002: pairs of spellings the resolver was unsure about (a grey zone of scores).
-- They are recorded instead of merged silently; `newsfacts review accept|reject ID`
-- records a decision that every later run honours.
CREATE SEQUENCE name_review_id START 1;

CREATE TABLE name_review (
    id         INTEGER PRIMARY KEY DEFAULT nextval('name_review_id'),
    name_a     VARCHAR NOT NULL,
    name_b     VARCHAR NOT NULL,
    key_a      VARCHAR NOT NULL,          -- folded spelling: what a decision is keyed on
    key_b      VARCHAR NOT NULL,
    score      DOUBLE NOT NULL,
    status     VARCHAR NOT NULL DEFAULT 'pending',   -- pending | accepted | rejected
    first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp,
    decided_at TIMESTAMP,
    UNIQUE (key_a, key_b)
);
