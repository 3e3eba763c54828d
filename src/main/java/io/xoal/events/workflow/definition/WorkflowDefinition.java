package io.xoal.events.workflow.definition;

import io.xoal.events.segment.definition.Node;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated workflow definition: the event that triggers it (with property filters in the
 * segment language's {@code where} syntax), how an enrolment is keyed, the
 * re-entry policy and the step graph (each step names its {@code next}; the first step listed is
 * where a run starts).
 */
public record WorkflowDefinition(String triggerEvent, List<Node.Filter> where, String enrolProperty, Reentry reentry, Map<String, Step> steps,
                                 String firstStep) {

    /** Once: a customer enters the workflow at most once. Every: one run per enrolment key. */
    public enum Reentry { ONCE, EVERY }

    /** The step types built so far. */
    public enum StepType { DELAY, WEBHOOK, EXIT }

    /** One step; {@code duration} is set for a delay, {@code url} for a webhook, {@code next} for all but exit. */
    public record Step(String id, StepType type, Duration duration, URI url, String next) {
    }

    public Step step(String id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalStateException("step " + id + " is not in the definition");
        }
        return step;
    }
}
