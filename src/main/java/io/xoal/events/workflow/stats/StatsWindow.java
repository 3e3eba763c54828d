package io.xoal.events.workflow.stats;

import io.xoal.events.common.Instants;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The window and bucket of a stats query: {@code to} defaults to now, {@code from} to 30 days before it; at most 1,000 buckets. */
public record StatsWindow(Instant from, Instant to, String bucket) {

    static final int MAX_BUCKETS = 1000;

    public static StatsWindow of(String from, String to, String bucket, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String unit = bucket == null || bucket.isBlank() ? "day" : bucket;
        if (!unit.equals("hour") && !unit.equals("day")) {
            errors.add(new FieldError("/bucket", "must be hour or day"));
        }
        Instant end = Instants.parameter(to, "/to");
        end = end == null ? now : end;
        Instant start = Instants.parameter(from, "/from");
        start = start == null ? end.minus(Duration.ofDays(30)) : start;
        Duration span = Duration.between(start, end);
        if (!start.isBefore(end)) {
            errors.add(new FieldError("/to", "must be after from"));
        } else if (errors.isEmpty() && span.dividedBy(unit.equals("hour") ? Duration.ofHours(1) : Duration.ofDays(1)) >= MAX_BUCKETS) {
            errors.add(new FieldError("/from", "the window holds more than " + MAX_BUCKETS + " " + unit + " buckets"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The stats window is not valid", errors);
        }
        return new StatsWindow(start, end, unit);
    }
}
