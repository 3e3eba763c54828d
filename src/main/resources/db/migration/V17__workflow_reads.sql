-- The read side of workflows (docs/workflows.md, "Analytics"): indexes for per-workflow stats and
-- per-customer runs. Every key starts with workspace_id (docs/scaling.md).

-- A customer's runs, newest first (GET /v1/customers/{id}/workflow-runs).
CREATE INDEX workflow_runs_of_subject ON workflow_runs (workspace_id, subject_id, id);
-- Runs entered in a window; entered_at never changes.
CREATE INDEX workflow_runs_entered ON workflow_runs (workspace_id, workflow_id, entered_at);
-- Runs finished in a window: only terminal rows are in it, so advancing an active run never writes to it.
CREATE INDEX workflow_runs_finished ON workflow_runs (workspace_id, workflow_id, finished_at) WHERE finished_at IS NOT NULL;
-- Runs active now, per workflow.
CREATE INDEX workflow_runs_active_workflow ON workflow_runs (workspace_id, workflow_id)
    WHERE state IN ('ready', 'running', 'waiting');
-- Sends in a window: only the step log's send outcomes are in it.
CREATE INDEX workflow_step_log_sends ON workflow_step_log (workspace_id, finished_at) WHERE outcome IN ('sent', 'failed');
