package io.xoal.events.ingest;

/**
 * What a client may assume from each answer of an ingest endpoint: the OpenAPI descriptions of
 * every dialect's endpoints share these words, and the README explains them.
 */
public final class IngestOutcomes {

    public static final String COMMITTED = "Committed before this reply: every accepted event is stored, each "
            + "duplicate was stored earlier; rejected items (with why) are in the reply and in GET /v1/events/rejected";
    public static final String INVALID = "Nothing stored: the input is invalid on its own (every error names its "
            + "field); retrying it unchanged fails again. A race with another writer is never a 400";
    public static final String UNAVAILABLE = "Nothing of this request was stored: the transaction was rolled back, "
            + "or the request was never queued (the writer's queue is full). Retry after Retry-After";
    public static final String OUTCOME_UNKNOWN = "Problem type https://xoal.io/problems/outcome-unknown: the "
            + "connection to PostgreSQL was lost while COMMIT was pending, so the request may or may not be stored. "
            + "Retry with the same messageIds (deduplicated); an event without a messageId may then be stored twice";

    private IngestOutcomes() {
    }
}
