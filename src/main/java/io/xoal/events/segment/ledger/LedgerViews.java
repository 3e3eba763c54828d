package io.xoal.events.segment.ledger;

import java.time.Instant;

/** Response bodies of the membership and ledger endpoints. */
public final class LedgerViews {

    private LedgerViews() {
    }

    /** A member of a segment (now, or at a past instant): since when and why. */
    public record Member(long usid, String id, String email, Instant since, String cause) {
    }

    /**
     * Whether a customer is in a segment now, or was at instant {@code at}: since when, why, and the
     * ledger row ({@code transitionId}) that put them in or out; all but {@code member} are null
     * when they never were.
     */
    public record Membership(long segmentId, String customerId, Instant at, boolean member, Instant since, String cause,
                             Long transitionId) {
    }

    /** One enter or leave in the ledger. */
    public record Transition(long id, long usid, String customerId, boolean entered, Instant at, String cause) {
    }

    /** A segment a customer is in now. */
    public record CustomerSegment(long segmentId, String name, Instant since, String cause) {
    }

    /** The segment's size at an instant. */
    public record SizePoint(Instant at, long size) {
    }

    /** How many members. */
    public record Count(long count, Instant at) {
    }
}
