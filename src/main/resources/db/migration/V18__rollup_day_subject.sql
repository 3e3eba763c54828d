-- The daily rollup by (name, day) now ends in subject_id: a full recompute reads a window of one
-- event name one usid range at a time, and the range is now checked in the index, so each chunk
-- fetches only its own customers' rows from the heap, not every customer's row of the window
-- (docs/performance.md, run I). subject_id never changes, so rollup upserts stay HOT-eligible.
CREATE INDEX subject_event_daily_name_day_subject ON subject_event_daily (workspace_id, name, day, subject_id);
DROP INDEX subject_event_daily_name_day;
