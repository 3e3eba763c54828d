package io.xoal.events.ingest.identity;

import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Subject;

import java.util.Comparator;

/**
 * Identifies a subject inside one flush. Every flush upserts subjects in this order, so that two
 * concurrent flushes lock the same rows in the same order and never deadlock.
 */
record SubjectKey(long workspaceId, String first, String second) implements Comparable<SubjectKey> {

    private static final Comparator<SubjectKey> ORDER = Comparator.comparingLong(SubjectKey::workspaceId)
            .thenComparing(SubjectKey::first)
            .thenComparing(SubjectKey::second, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The key of an envelope's subject: external id, e-mail as sent, alias, or object type + id. */
    static SubjectKey of(Envelope e) {
        Subject s = e.subject();
        return switch (s.kind()) {
            case CUSTOMER -> new SubjectKey(e.workspaceId(),
                    s.id() != null ? s.id() : s.email() != null ? s.email() : s.alias(), null);
            case COMPANY -> new SubjectKey(e.workspaceId(), s.id(), null);
            case OBJECT -> new SubjectKey(e.workspaceId(), s.objectType(), s.id());
        };
    }

    @Override
    public int compareTo(SubjectKey other) {
        return ORDER.compare(this, other);
    }
}
