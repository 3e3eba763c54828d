-- Segment and API triggers, re-entry once per interval, a cap of active runs per customer, and
-- segment-entry goals (docs/workflows.md, "Triggers and re-entry").

-- trigger_kind: event (trigger_name), segment (trigger_segment_id entered/left: trigger_on), api.
ALTER TABLE workflow_versions ADD COLUMN trigger_kind text NOT NULL DEFAULT 'event'
    CHECK (trigger_kind IN ('event', 'segment', 'api'));
ALTER TABLE workflow_versions ALTER COLUMN trigger_name DROP NOT NULL;
ALTER TABLE workflow_versions ADD COLUMN trigger_segment_id bigint;
ALTER TABLE workflow_versions ADD COLUMN trigger_on text CHECK (trigger_on IN ('entered', 'left'));
ALTER TABLE workflow_versions DROP CONSTRAINT workflow_versions_reentry_check;
ALTER TABLE workflow_versions ADD CONSTRAINT workflow_versions_reentry_check CHECK (reentry IN ('once', 'every', 'interval'));
ALTER TABLE workflow_versions ADD COLUMN reentry_interval interval;
ALTER TABLE workflow_versions ADD COLUMN max_active int;
-- The segment ledger statement joins the versions a transition triggers.
CREATE INDEX workflow_versions_segment ON workflow_versions (workspace_id, trigger_segment_id)
    WHERE trigger_segment_id IS NOT NULL;

-- An inbox row of a segment transition or an API call has no event.
ALTER TABLE workflow_inbox ALTER COLUMN event_id DROP NOT NULL;

-- A segment entry that is a goal of one of the customer's active runs: a signal without an event.
ALTER TABLE workflow_signals ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE workflow_signals ALTER COLUMN name DROP NOT NULL;
ALTER TABLE workflow_signals ADD COLUMN segment_id bigint;
ALTER TABLE workflow_signals ADD COLUMN transition_id bigint;

-- Per customer and workflow: how often they entered, how many of their runs are active, when they
-- last entered, and the version they last entered. The enrolment upsert decides the re-entry
-- policy and the cap on this row (ON CONFLICT DO UPDATE … WHERE <policy>), so that concurrent
-- enrolments of one customer are serialised by its row lock.
CREATE TABLE workflow_subjects (
    workspace_id    bigint      NOT NULL,
    workflow_id     bigint      NOT NULL,
    subject_id      bigint      NOT NULL,
    version         int         NOT NULL,
    entries         int         NOT NULL,
    active          int         NOT NULL,
    last_entered_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, workflow_id, subject_id),
    FOREIGN KEY (workspace_id, workflow_id) REFERENCES workflows (workspace_id, id) ON DELETE CASCADE
);

INSERT INTO workflow_subjects (workspace_id, workflow_id, subject_id, version, entries, active, last_entered_at)
SELECT workspace_id, workflow_id, subject_id, max(version), count(*),
       count(*) FILTER (WHERE state IN ('ready', 'running', 'waiting')), max(entered_at)
FROM workflow_runs GROUP BY 1, 2, 3;

-- Every change of a run between active (ready, running, waiting) and ended (completed, exited,
-- failed, or any state added later) moves the count, whichever statement made it: a step's
-- advance, a goal, a failure, a retry by hand. Runs are inserted counted by the enrolment upsert.
CREATE FUNCTION workflow_subjects_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workflow_subjects
    SET active = active + CASE WHEN NEW.state IN ('ready', 'running', 'waiting') THEN 1 ELSE -1 END
    WHERE workspace_id = NEW.workspace_id AND workflow_id = NEW.workflow_id AND subject_id = NEW.subject_id;
    RETURN NULL;
END $$;
CREATE TRIGGER workflow_runs_active AFTER UPDATE OF state ON workflow_runs
    FOR EACH ROW
    WHEN ((OLD.state IN ('ready', 'running', 'waiting')) IS DISTINCT FROM (NEW.state IN ('ready', 'running', 'waiting')))
    EXECUTE FUNCTION workflow_subjects_active();

-- A version whose goal is a segment entry: the ledger statement probes these for each entry.
ALTER TABLE workflow_versions ADD COLUMN goal_segment_id bigint;
UPDATE workflow_versions SET goal_segment_id = (definition #>> '{goal,segment_entered}')::bigint
WHERE definition #>> '{goal,segment_entered}' IS NOT NULL;
CREATE INDEX workflow_versions_goal_segment ON workflow_versions (workspace_id, goal_segment_id)
    WHERE goal_segment_id IS NOT NULL;
