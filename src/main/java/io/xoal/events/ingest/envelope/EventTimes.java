package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads event times: epoch seconds, epoch milliseconds (told apart by size) or ISO-8601.
 * A number 0 counts as "not given": Xoal's documented sample sends {@code "time": 0}. Times are
 * bounded to the years 1–9999, which PostgreSQL and Java's arithmetic both hold, so that no
 * later step (clock-skew correction, a {@code timestamptz} column) can overflow.
 */
public final class EventTimes {

    /** Below this an epoch number is read as seconds: 10^11 s is the year 5138, 10^11 ms is 1973. */
    private static final double SECONDS_LIMIT = 1e11;
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    private EventTimes() {
    }

    /** The instant, or null when absent or 0. */
    public static Instant read(JsonNode node) throws InvalidTime {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            if (value == 0) {
                return null;
            }
            if (value < 0 || !Double.isFinite(value)) {
                throw new InvalidTime("must be a positive epoch time in seconds or milliseconds");
            }
            long millis = value < SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value);
            return bounded(Instant.ofEpochMilli(millis));
        }
        if (node.isTextual()) {
            try {
                return bounded(OffsetDateTime.parse(node.asText()).toInstant());
            } catch (DateTimeParseException e) {
                throw new InvalidTime("must be ISO-8601 with an offset (2026-11-27T10:15:30Z) or an epoch number");
            }
        }
        throw new InvalidTime("must be an epoch number or an ISO-8601 string");
    }

    private static Instant bounded(Instant time) throws InvalidTime {
        if (time.isBefore(FIRST) || time.isAfter(LAST)) {
            throw new InvalidTime("must lie between the years 1 and 9999");
        }
        return time;
    }

    /** A time that cannot be read; the message says what was expected. */
    public static final class InvalidTime extends Exception {
        InvalidTime(String message) {
            super(message, null, false, false);
        }
    }
}
