package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads event times: epoch seconds, epoch milliseconds (told apart by size) or ISO-8601.
 * A number 0 counts as "not given": Xoal's documented sample sends {@code "time": 0}.
 */
public final class EventTimes {

    /** Below this an epoch number is read as seconds: 10^11 s is the year 5138, 10^11 ms is 1973. */
    private static final double SECONDS_LIMIT = 1e11;

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
            return Instant.ofEpochMilli(millis);
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidTime("must be ISO-8601 with an offset (2026-11-27T10:15:30Z) or an epoch number");
            }
        }
        throw new InvalidTime("must be an epoch number or an ISO-8601 string");
    }

    /** A time that cannot be read; the message says what was expected. */
    public static final class InvalidTime extends Exception {
        InvalidTime(String message) {
            super(message, null, false, false);
        }
    }
}
