package io.xoal.events.ingest.identity;

/**
 * A customer a flush resolved was merged or deleted by another transaction before the flush
 * locked it: a race, not bad data. The flush is rolled back and re-run; its new resolve sees
 * that transaction's rows.
 */
public final class SubjectGone extends RuntimeException {

    public SubjectGone() {
        super("a customer of the flush was merged or deleted concurrently", null, false, false);
    }
}
