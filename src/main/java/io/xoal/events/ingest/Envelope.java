package io.xoal.events.ingest;

import java.time.Instant;

/** One validated event, whatever dialect it came in: what the writer stores. */
public record Envelope(long workspaceId, String messageId, String name, Subject subject,
                       String propertiesJson, Instant occurredAt, Instant receivedAt, String source) {
}
