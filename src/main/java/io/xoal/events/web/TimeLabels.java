package io.xoal.events.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard writes times: instants in UTC, bucket starts in their own zone, durations in words. */
public final class TimeLabels {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private TimeLabels() {
    }

    /** An instant as {@code 2026-12-04 10:15:00 UTC}; empty for null. */
    public static String utc(Instant t) {
        return t == null ? "" : UTC.format(t);
    }

    /** A bucket start (ISO-8601 with offset) as its local date, or for hourly buckets its local hour with the offset. */
    public static String bucket(String start, boolean hourly) {
        OffsetDateTime t = OffsetDateTime.parse(start);
        return hourly ? t.toLocalDate() + " " + t.toLocalTime() + " " + t.getOffset() : t.toLocalDate().toString();
    }

    /** Seconds as e.g. {@code 2 d 3 h}, {@code 1 h 5 min}, {@code 4 min 10 s}, {@code 12 s}; empty for null. */
    public static String duration(Double seconds) {
        if (seconds == null) {
            return "";
        }
        long s = Math.round(seconds);
        if (s >= 86_400) {
            return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
