package io.xoal.events.ingest.envelope;

import java.time.Instant;

/**
 * One validated message, whatever dialect it came in: what the writer stores. A {@code TRACK}
 * becomes an event row; the other actions change profiles only ({@code changes}).
 */
public record Envelope(long workspaceId, String messageId, Action action, String name, Subject subject,
                       String propertiesJson, Instant occurredAt, Instant receivedAt, String source,
                       ProfileChange changes) {

    /** What a message does. */
    public enum Action {
        /** Stores an event (Segment track/page/screen, Xoal events, webhooks). */
        TRACK,
        /** Creates or updates the customer with traits, and links an anonymous id to it. */
        IDENTIFY,
        /** Relates the customer to a company, with the company's traits. */
        GROUP,
        /** Merges another identity (anonymous id or customer id) into the customer. */
        MERGE,
        /** Relates the subject to other profiles, or removes relations (Customer.io relationships). */
        RELATE,
        /** Deletes the subject with its events (Customer.io delete). */
        DELETE
    }

    /** An event of the Xoal Events API or a webhook: a track with no profile change. */
    public static Envelope track(long workspaceId, String messageId, String name, Subject subject, String propertiesJson,
                                 Instant occurredAt, Instant receivedAt, String source) {
        return new Envelope(workspaceId, messageId, Action.TRACK, name, subject, propertiesJson, occurredAt,
                receivedAt, source, ProfileChange.NONE);
    }

    /** The same message with another subject (a group's company, resolved with the flush's subjects). */
    public Envelope withSubject(Subject other) {
        return new Envelope(workspaceId, messageId, action, name, other, propertiesJson, occurredAt, receivedAt,
                source, changes);
    }

    /** The same message with other profile changes (a scope that narrows what it may change). */
    public Envelope withChanges(ProfileChange other) {
        return new Envelope(workspaceId, messageId, action, name, subject, propertiesJson, occurredAt, receivedAt,
                source, other);
    }
}
