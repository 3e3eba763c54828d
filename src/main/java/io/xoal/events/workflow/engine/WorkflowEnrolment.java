package io.xoal.events.workflow.engine;

import io.xoal.events.workflow.WorkflowConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Enrolment in the ingest flush's transaction: a CTE of the flush's events statement copies the
 * events whose names trigger an active workflow of their workspace into {@code workflow_inbox}.
 * It joins the workflows table itself, so there is no cache to go stale across replicas and no
 * extra round trip; with no active workflow it inserts nothing. The enrolment key decides which
 * events are one run: the messageId or the chosen property (an event without that property
 * enrols nothing); the re-entry policy is applied when the inbox row becomes a run ({@link RunAdmission}).
 */
@ApplicationScoped
public class WorkflowEnrolment {

    /**
     * A CTE over {@code e} (the inserted events: id, workspace_id, subject_kind, subject_id, name,
     * occurred_at, message_id, properties); {@code cutoffParam} is the oldest occurred_at that triggers.
     */
    public static String cte(String cutoffParam) {
        return """
                enrol AS (
                  INSERT INTO workflow_inbox (workspace_id, workflow_id, version, subject_id, event_id, enrol_key, payload, created_at)
                  SELECT e.workspace_id, w.id, v.version, e.subject_id, e.id,
                         CASE WHEN v.enrol_property IS NULL THEN 'message:' || e.message_id
                              ELSE 'property:' || (e.properties ->> v.enrol_property) END,
                         %s,
                         now()
                  FROM e
                  JOIN workflows w ON w.workspace_id = e.workspace_id AND w.status = 'active'
                  JOIN workflow_versions v ON v.workspace_id = w.workspace_id AND v.workflow_id = w.id AND v.version = w.current_version
                  WHERE e.subject_kind = 'customer' AND v.trigger_name = e.name AND e.occurred_at >= %s
                    AND (v.enrol_property IS NULL OR e.properties ->> v.enrol_property IS NOT NULL))"""
                .formatted(PAYLOAD, cutoffParam);
    }

    /** The jsonb a run keeps of an event of {@code e} (its context), as the inbox and the signals copy it. */
    static final String PAYLOAD = "jsonb_build_object('id', e.id, 'message_id', e.message_id, 'name', e.name, "
            + "'occurred_at', e.occurred_at, 'properties', e.properties)";

    private final Clock clock;
    private final WorkflowConfig config;

    public WorkflowEnrolment(Clock clock, WorkflowConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Events that happened before this instant are backfilled history: they trigger nothing. */
    public OffsetDateTime cutoff() {
        return clock.instant().minus(config.backfillHorizon()).atOffset(ZoneOffset.UTC);
    }
}
