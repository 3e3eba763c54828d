package io.xoal.events.ingest.identity;

/**
 * A customer id a flush resolved was merged away by another transaction while the flush waited
 * for it: a race, not bad data. The flush is rolled back and re-run; its new resolve sees that
 * transaction's rows (the id is an alias of the merged customer).
 */
public final class SubjectGone extends RuntimeException {

    public SubjectGone() {
        super("a customer id of the flush was merged away concurrently", null, false, false);
    }
}
