package io.xoal.events.workflow.definition;

import io.xoal.events.segment.definition.Node;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated workflow definition: what triggers it (an event with property filters in the
 * segment language's {@code where} syntax, a segment entry or exit, or the API), how an enrolment
 * is keyed, the re-entry policy and the cap of active runs per customer, the step graph (each step
 * names its outgoing edges; the first step listed is where a run starts) and an optional goal.
 */
public record WorkflowDefinition(Trigger trigger, List<Node.Filter> where, String enrolProperty, Reentry reentry,
                                 Duration reentryInterval, Integer maxActive, Map<String, Step> steps, String firstStep, Goal goal) {

    /** Once: a customer enters the workflow at most once. Every: one run per enrolment key. Interval: at most once per {@code reentryInterval}. */
    public enum Reentry { ONCE, EVERY, INTERVAL }

    /** What enrols: a customer's event, a segment transition, or a call of {@code POST /v1/workflows/{id}/runs}. */
    public enum TriggerKind { EVENT, SEGMENT, API }

    /** The trigger: {@code event} for an event trigger; {@code segmentId} and {@code on} (entered or left) for a segment trigger. */
    public record Trigger(TriggerKind kind, String event, Long segmentId, String on) {
    }

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

    /**
     * A customer who performs {@code event} (matching {@code where}), or who enters segment {@code segmentEntered},
     * leaves their active runs of the workflow; exactly one of the two is set.
     */
    public record Goal(String event, List<Node.Filter> where, Long segmentEntered) {
    }

    /** The trigger's event name; null for a segment or API trigger. */
    public String triggerEvent() {
        return trigger.event();
    }

    public Step step(String id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalStateException("step " + id + " is not in the definition");
        }
        return step;
    }
}
