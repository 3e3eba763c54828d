package io.xoal.events.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A funnel question as sent: ordered steps with property filters, a conversion window, an optional exclusion, a range. */
public record FunnelInput(
        @Schema(description = "2 to 10 steps, in order") List<StepInput> steps,
        @Schema(description = "conversion window from the first step: {\"days\": 7}, {\"hours\": 12} or {\"minutes\": 30}; default 14 days")
        WindowInput window,
        @Schema(description = "an event that, between two steps of an attempt, disqualifies that attempt") StepInput exclude,
        @Schema(description = "first steps at or after (date or ISO-8601 instant); default 30 days before to") String from,
        @Schema(description = "first steps before; default the end of today") String to,
        @Schema(description = "IANA time zone of dates given as from/to, default UTC") String tz) {

    static final int MIN_STEPS = 2;
    static final int MAX_STEPS = 10;
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    private static final Duration MAX_WINDOW = Duration.ofDays(365);

    /** A step or the exclusion: an event name and property filters in the segment language's {@code where} syntax. */
    public record StepInput(String event,
                            @Schema(implementation = Object[].class, description = "property filters, as a performed condition's where")
                            JsonNode where) {
    }

    public record WindowInput(Long days, Long hours, Long minutes) {
    }

    /** A checked funnel: steps and exclusion with parsed filters. */
    record Funnel(List<Step> steps, Step exclude, Duration window, ZoneId zone, AnalyticsParams.Range range) {
    }

    record Step(String event, List<Node.Filter> where) {
    }

    /** The checked funnel; 400 listing every mistake with its JSON pointer. */
    Funnel check(Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        List<Step> checked = new ArrayList<>();
        if (steps == null || steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
            errors.add(new FieldError("/steps", "must be " + MIN_STEPS + " to " + MAX_STEPS + " steps"));
        } else {
            for (int i = 0; i < steps.size(); i++) {
                checked.add(step(steps.get(i), "/steps/" + i, errors));
            }
        }
        Step excluded = exclude == null ? null : step(exclude, "/exclude", errors);
        Duration length = window(errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The funnel is not valid", errors);
        }
        ZoneId zone = AnalyticsParams.zone(tz, "/tz");
        return new Funnel(checked, excluded, length, zone, AnalyticsParams.range(from, to, zone, clock, "/from", "/to"));
    }

    private static Step step(StepInput step, String at, List<FieldError> errors) {
        if (step == null || step.event() == null || step.event().isBlank()) {
            errors.add(new FieldError(at + "/event", "is required: an event name"));
            return null;
        }
        return new Step(step.event(), DefinitionParser.where(step.where(), at + "/where", errors));
    }

    private Duration window(List<FieldError> errors) {
        if (window == null) {
            return DEFAULT_WINDOW;
        }
        int given = (window.days() != null ? 1 : 0) + (window.hours() != null ? 1 : 0) + (window.minutes() != null ? 1 : 0);
        Duration length = window.days() != null ? Duration.ofDays(bounded(window.days()))
                : window.hours() != null ? Duration.ofHours(bounded(window.hours()))
                : window.minutes() != null ? Duration.ofMinutes(bounded(window.minutes())) : Duration.ZERO;
        if (given != 1 || length.isNegative() || length.isZero() || length.compareTo(MAX_WINDOW) > 0) {
            errors.add(new FieldError("/window", "must be one of days, hours or minutes, positive and at most 365 days"));
        }
        return length;
    }

    /** A count of units kept small enough for Duration (the bound check then rejects it). */
    private static long bounded(long units) {
        return Math.max(-1, Math.min(units, 1_000_000_000L));
    }
}
