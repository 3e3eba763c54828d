package io.xoal.events.workflow.engine;

import io.xoal.events.workflow.definition.WorkflowDefinition;

import java.time.Instant;
import java.util.UUID;

/**
 * A run this replica holds under {@code leaseToken}: every change it makes to the run is fenced
 * by the token, so a replica whose lease expired cannot advance it any more.
 */
public record ClaimedRun(long workspaceId, long id, long workflowId, long subjectId, String stepId, int stepSeq, int attempt,
                         UUID leaseToken, Instant claimedAt, String context, WorkflowDefinition definition, byte[] secret) {

    public WorkflowDefinition.Step step() {
        return definition.step(stepId);
    }
}
