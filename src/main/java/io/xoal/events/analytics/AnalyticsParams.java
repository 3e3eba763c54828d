package io.xoal.events.analytics;

import io.xoal.events.error.ProblemException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reading the parameters every analytics question shares: time zone, range, interval, named choices. */
final class AnalyticsParams {

    /** The range when none is given: the last 30 local days up to the end of today. */
    static final int DEFAULT_DAYS = 30;
    private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    private AnalyticsParams() {
    }

    /** An IANA time zone, UTC when absent; 400 naming {@code field} when unknown. */
    static ZoneId zone(String tz, String field) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "must be an IANA time zone, e.g. Europe/Berlin");
        }
    }

    /** {@code [from, to)}: instants with an offset or local dates (midnight in {@code zone}); by default the last 30 days. */
    static Range range(String from, String to, ZoneId zone, Clock clock, String fromField, String toField) {
        Instant end = to == null || to.isBlank()
                ? LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant()
                : time(to, zone, toField);
        Instant start = from == null || from.isBlank()
                ? end.atZone(zone).toLocalDate().minusDays(DEFAULT_DAYS).atStartOfDay(zone).toInstant()
                : time(from, zone, fromField);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField(toField, "must be after from");
        }
        return new Range(start, end);
    }

    /** A date (midnight in {@code zone}) or an instant with an offset, in the years 1 to 9999 (what PostgreSQL and bucketing take). */
    static Instant time(String value, ZoneId zone, String field) {
        Instant t;
        try {
            t = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date (2026-10-25) or an instant with an offset (2026-10-25T00:00:00Z)");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw ProblemException.invalidField(field, "must be in the years 1 to 9999");
        }
        return t;
    }

    /** One of an enum's constants by its lower-case name; {@code fallback} when absent. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, E fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** A required event name. */
    static String event(String name, String field) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalidField(field, "is required: an event name");
        }
        return name;
    }

    record Range(Instant from, Instant to) {
    }
}
