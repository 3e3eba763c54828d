package io.xoal.events.web;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard's templates show values: times in UTC, ids in URLs, long text cut short. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** "2026-12-04 10:15:02" (UTC; the column headers say so). */
    static String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    /** An id as one URL path segment. */
    static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
