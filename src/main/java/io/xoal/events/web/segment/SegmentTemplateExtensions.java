package io.xoal.events.web.segment;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting for the segment pages: {@code {seg:time(instant)}}, {@code {seg:customer(externalId)}}, {@code {seg:param(value)}}. */
@TemplateExtension(namespace = "seg")
public final class SegmentTemplateExtensions {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private SegmentTemplateExtensions() {
    }

    /** An instant in UTC to the second, or a dash when there is none. */
    static String time(Instant at) {
        return at == null ? "—" : UTC.format(at);
    }

    /** A value for a URL's query string. */
    static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The customer profile page of an external id (any characters, encoded as one path segment). */
    static String customer(String externalId) {
        return "/customers/" + URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
