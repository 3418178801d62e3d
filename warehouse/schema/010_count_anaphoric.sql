-- 010: whether a count took its noun from an earlier phrase ("52 prisoners were freed; 14 of them were
-- journalists" counts 14 prisoners). Analysts filter on it: such a count is a part of a tally reported
-- before, not a figure of its own.
--
-- Counts loaded before 010 were all read with their noun written after the number (the extractor of the
-- time dropped the others), so FALSE is their true value, not a guess.
ALTER TABLE counts ADD COLUMN anaphoric BOOLEAN DEFAULT FALSE;
