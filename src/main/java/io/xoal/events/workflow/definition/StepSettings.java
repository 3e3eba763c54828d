package io.xoal.events.workflow.definition;

import io.quarkus.qute.Template;
import io.xoal.events.segment.definition.Node;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** What each step type needs besides its edges. */
public sealed interface StepSettings {

    /** Nothing more: an exit. */
    record None() implements StepSettings {
    }

    /** A signed POST to {@code url}. */
    record Webhook(URI url) implements StepSettings {
    }

    /** An email: its subject and at least one of its text and HTML bodies (null: none), parsed Qute templates. */
    record Email(Template subject, Template text, Template html) implements StepSettings {
    }

    /** Wait for a span. */
    record Delay(Duration duration) implements StepSettings {
    }

    /** Wait until an instant (a past one: go on at once). */
    record DelayUntil(Instant until) implements StepSettings {
    }

    /** Wait until the customer's date attribute plus {@code offset} (missing, unreadable or past: go on at once). */
    record DelayUntilAttribute(String attribute, Duration offset) implements StepSettings {
    }

    /** Wait until the next {@code at} in the customer's {@code timezone}, or in {@code fallbackZone} without a valid one. */
    record DelayTimeOfDay(LocalTime at, ZoneId fallbackZone) implements StepSettings {

        /** The zone of an IANA id such as {@code Europe/Berlin}, or null: a step's fallback, a customer's {@code timezone}. */
        public static ZoneId zone(String id) {
            try {
                return id != null && id.contains("/") ? ZoneId.of(id) : null;
            } catch (DateTimeException e) {
                return null;
            }
        }
    }

    /** Ordered cases: the first whose condition holds names the next step (edge {@code cases/i/next}), else {@code default}. */
    record Branch(List<Condition> conditions) implements StepSettings {
    }

    /** A random split: path i (edge {@code paths/i/next}) with probability weight i / sum, fixed per run. */
    record Split(List<Integer> weights) implements StepSettings {
    }

    /**
     * Wait for the customer's event {@code event}, if {@code property} is set only one whose property of that
     * name equals the trigger event's; {@code next} when it comes, {@code timeout_next} after {@code timeout}.
     */
    record WaitForEvent(String event, String property, Duration timeout) implements StepSettings {
    }

    /** Set ({@code valueJson}, null: remove) a custom attribute, or add / remove a tag. */
    record Update(String attribute, String valueJson, String tag, boolean add) implements StepSettings {
    }

    /** A branch condition. */
    sealed interface Condition {
    }

    /** A condition on the customer in the segment language (attribute, tag, in_segment, performed, and/or/not). */
    record CustomerCondition(Node node) implements Condition {
    }

    /** Property filters on the run's trigger event, in the {@code where} syntax. */
    record TriggerCondition(List<Node.Filter> where) implements Condition {
    }
}
