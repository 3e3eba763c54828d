-- The workflow email step (docs/workflows.md, Email): deliveries by email beside webhooks, and
-- 'skipped' for a send step that sent nothing on purpose (no address, unsubscribed).
ALTER TABLE workflow_deliveries DROP CONSTRAINT workflow_deliveries_channel_check;
ALTER TABLE workflow_deliveries ADD CONSTRAINT workflow_deliveries_channel_check
    CHECK (channel IN ('webhook', 'email'));
ALTER TABLE workflow_deliveries DROP CONSTRAINT workflow_deliveries_status_check;
ALTER TABLE workflow_deliveries ADD CONSTRAINT workflow_deliveries_status_check
    CHECK (status IN ('sending', 'sent', 'failed', 'skipped'));
