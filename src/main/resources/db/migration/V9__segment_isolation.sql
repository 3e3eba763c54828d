-- A segment whose evaluation fails fails alone (docs/segments.md, "Failures"): each evaluation
-- runs in its own savepoint with a time limit; failures in a row are counted here, for the
-- version they happened with (a new version starts from zero), and a segment that failed too
-- often is 'failed' and skipped by the worker and the sweep until it is changed.
ALTER TABLE segments
    ADD COLUMN evaluation_state     text NOT NULL DEFAULT 'ok' CHECK (evaluation_state IN ('ok', 'failing', 'failed')),
    ADD COLUMN evaluation_version   int,
    ADD COLUMN evaluation_failures  int  NOT NULL DEFAULT 0,
    ADD COLUMN evaluation_error     text,
    ADD COLUMN evaluation_failed_at timestamptz;

-- The worker claims one workspace's queued work at a time (oldest first).
CREATE INDEX segment_work_workspace ON segment_work (workspace_id, id);
