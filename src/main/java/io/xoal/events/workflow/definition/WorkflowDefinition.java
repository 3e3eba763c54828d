package io.xoal.events.workflow.definition;

import io.xoal.events.segment.definition.Node;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A validated workflow definition: the event that triggers it (with property filters in the
 * segment language's {@code where} syntax), how an enrolment is keyed, the re-entry policy, the
 * step graph (each step names its outgoing edges; the first step listed is where a run starts)
 * and an optional goal.
 */
public record WorkflowDefinition(String triggerEvent, List<Node.Filter> where, String enrolProperty, Reentry reentry, Map<String, Step> steps,
                                 String firstStep, Goal goal) {

    /** Once: a customer enters the workflow at most once. Every: one run per enrolment key. */
    public enum Reentry { ONCE, EVERY }

    /** The step types built so far. */
    public enum StepType { DELAY, WEBHOOK, EMAIL, EXIT, BRANCH, SPLIT, WAIT_FOR_EVENT, UPDATE }

    /** An outgoing edge: the field that names it, relative to its step ({@code next}, {@code cases/0/next}), and its target. */
    public record Edge(String field, String target) {
    }

    /** One step: its outgoing edges in the order they are tried, and what its type needs. */
    public record Step(String id, StepType type, List<Edge> edges, StepSettings settings) {

        /** The target of the edge named by {@code field}; null when the step has none. */
        public String edge(String field) {
            return edges.stream().filter(e -> e.field().equals(field)).map(Edge::target).findFirst().orElse(null);
        }

        public String next() {
            return edge("next");
        }

        public URI url() {
            return ((StepSettings.Webhook) settings).url();
        }

        public StepSettings.Email email() {
            return (StepSettings.Email) settings;
        }
    }

    /** A customer who performs {@code event} (matching {@code where}) leaves their active runs of the workflow. */
    public record Goal(String event, List<Node.Filter> where) {
    }

    public Step step(String id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalStateException("step " + id + " is not in the definition");
        }
        return step;
    }
}
