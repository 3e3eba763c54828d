package io.xoal.events.ingest.xoal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The documented shape of a Xoal Events API event (the body is read by {@link XoalEventParser}). Its
 * field names are Xoal's own camelCase ones, not the snake_case of the rest of the API.
 */
@Schema(name = "XoalEvent", description = "One event. Its subject is exactly one of: properties.userId and/or "
        + "properties.userEmail (a customer, created if unknown), company.id, or object.type + object.id.")
public record XoalEventSchema(
        @Schema(required = true, description = "The event name", example = "user upgraded") String event,
        @Schema(description = "userId, userEmail, time (epoch s, epoch ms or ISO-8601; 0 or absent = now), "
                + "customData (the event's attributes); any other key is stored as an attribute too")
        Map<String, Object> properties,
        @Schema(name = "messageId", description = "Idempotency key: a replay within the dedup window (30 days by default) is not stored again")
        String messageId,
        @Schema(description = "Event time (overrides properties.time)") String timestamp,
        @Schema(name = "sentAt", description = "Client clock when sent: time = receivedAt - (sentAt - timestamp)") String sentAt,
        @Schema(description = "A company subject: {\"id\": \"acme\"}") Map<String, Object> company,
        @Schema(description = "A custom object subject: {\"type\": \"course\", \"id\": \"c-101\"}") Map<String, Object> object) {

    static final String SAMPLE = """
            {"event":"user upgraded","properties":{"userId":"u1","userEmail":"a@b.co","time":0,"customData":{"plan":"pro"}}}""";
    static final String COMPANY = """
            {"event":"invoice paid","company":{"id":"acme"},"properties":{"customData":{"amount":990}}}""";
    static final String OBJECT = """
            {"event":"lesson completed","object":{"type":"course","id":"c-101"},"properties":{"customData":{"lesson":3}}}""";
    static final String BATCH = """
            [{"event":"signed_up","messageId":"m-1","timestamp":"2026-11-27T10:00:00Z","sentAt":"2026-11-27T10:00:05Z",
              "properties":{"userId":"u2","customData":{"plan":"free"}}},
             {"event":"logged_in","messageId":"m-2","properties":{"userEmail":"c@d.co","time":1795000000}}]""";
}
