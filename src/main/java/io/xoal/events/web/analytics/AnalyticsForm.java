package io.xoal.events.web.analytics;

import java.net.URI;

/**
 * The range fields every analytics tab shares, as entered (blank for the defaults), and the
 * dates an answer used, to show in the date pickers when the user left them blank.
 */
public record AnalyticsForm(String from, String to, String tz) {

    /** The form as the page shows it after an answer: blank dates become the answer's own (its first 10 characters, a local date). */
    AnalyticsForm answered(String usedFrom, String usedTo, String usedTz) {
        return new AnalyticsForm(blank(from) ? date(usedFrom) : from, blank(to) ? date(usedTo) : to, blank(tz) ? usedTz : tz);
    }

    /** The zone to show: as entered, or UTC. */
    public String zone() {
        return blank(tz) ? "UTC" : tz;
    }

    /** The curl that sends a first event, for the empty state. */
    static String ingestCurl(URI base) {
        String root = base.toString().replaceFirst("/$", "");
        return "curl -s " + root + "/ingest/v1/event -H \"Authorization: Bearer ing_…\" -H 'Content-Type: application/json' \\\n"
                + "  -d '{\"event\":\"signed_up\",\"properties\":{\"userId\":\"u1\",\"userEmail\":\"a@b.co\"}}'";
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String date(String iso) {
        return iso == null || iso.length() < 10 ? "" : iso.substring(0, 10);
    }
}
