package io.xoal.events.segment.ledger;

/** Response examples of the ledger endpoints, for the OpenAPI document. */
public final class LedgerExamples {

    public static final String MEMBER_AT = """
            {"segment_id": 12, "customer_id": "u-42", "at": "2026-11-01T00:00:00Z", "member": true,
             "since": "2026-10-28T09:14:03.512Z", "cause": "event 981234", "transition_id": 5531}""";

    public static final String NEVER_AT = """
            {"segment_id": 12, "customer_id": "u-43", "at": "2026-11-01T00:00:00Z", "member": false,
             "since": null, "cause": "never a member", "transition_id": null}""";

    private LedgerExamples() {
    }
}
