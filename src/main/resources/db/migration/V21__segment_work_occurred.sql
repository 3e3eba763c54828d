-- When each queued event occurred, beside its id and name (NULL where the writer does not record it: profile
-- changes, merges, segment transitions). Event-driven evaluation decides from it alone the customers whose
-- touching events prove the answer (segment.engine.EventProof), without running the segment's statement.
ALTER TABLE segment_work ADD COLUMN occurred_ats timestamptz[];
