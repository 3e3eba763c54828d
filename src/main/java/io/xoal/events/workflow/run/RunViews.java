package io.xoal.events.workflow.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Response bodies of the run endpoints. */
public final class RunViews {

    private RunViews() {
    }

    /**
     * A run: {@code step_id} is the step it does next at {@code due_at} (while ready), or the step it
     * ended on; {@code steps} (the step log) only when one run is asked for.
     */
    public record RunView(long id, long workflowId, int version, String customerId, String enrolKey, String state,
                          String stepId, Instant dueAt, int attempt, Instant enteredAt, Instant finishedAt, String exitReason,
                          String lastError, @JsonInclude(JsonInclude.Include.NON_NULL) List<StepLogEntry> steps) {

        RunView withSteps(List<StepLogEntry> log) {
            return new RunView(id, workflowId, version, customerId, enrolKey, state, stepId, dueAt, attempt, enteredAt,
                    finishedAt, exitReason, lastError, log);
        }
    }

    /** One attempt of one step: when, the outcome (delayed, sent, retry, failed, completed), the error, details. */
    public record StepLogEntry(int stepSeq, int attempt, String stepId, Instant startedAt, Instant finishedAt, String outcome,
                               String error, JsonNode detail) {
    }
}
