package io.xoal.events.segment;

/**
 * Orders a workspace's first active segment against transactions that write the segment outbox
 * ({@code segment_work}). Such a transaction writes its outbox row only if the workspace has an
 * active segment, so one that checked before the first segment committed would write none, while
 * the segment's first recompute might not see its rows either. Every outbox writer takes this lock
 * shared before its check; activating the first segment of a workspace takes it exclusively, so it
 * commits only after the writers in flight have committed (its recompute then sees them) and every
 * later writer sees the segment. A PostgreSQL transaction-level advisory lock ("xoalsegm").
 */
public final class OutboxFence {

    static final long KEY = 0x786f616c7365676dL;

    /** Taken by outbox writers, in a statement before the one that checks for active segments. */
    public static final String SHARE = "SELECT pg_advisory_xact_lock_shared(" + KEY + ")";

    /** {@link #SHARE} with a result Hibernate can map (a void column it cannot). */
    public static final String SHARE_COUNTED = "SELECT count(*) FROM (" + SHARE + ") x";

    /** Taken by the transaction that makes a workspace's first segment active. */
    static final String EXCLUSIVE = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + KEY + ")) x";

    private OutboxFence() {
    }
}
