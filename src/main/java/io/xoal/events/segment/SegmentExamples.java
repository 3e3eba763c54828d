package io.xoal.events.segment;

/** Segment definitions shown as examples in the OpenAPI document (docs/segments.md explains them). */
final class SegmentExamples {

    static final String PURCHASED = """
            {"name": "Recent buyers", "definition": {"performed": {"event": "purchase", "window": {"days": 30}}}}""";

    static final String STALLED = """
            {"name": "Stalled sign-ups", "description": "Joined over a week ago, never upgraded",
             "definition": {"and": [
               {"attribute": {"name": "joined_date", "op": "more_than_ago", "value": {"days": 7}}},
               {"not": {"performed": {"event": "upgraded"}}}]}}""";

    static final String VIP = """
            {"name": "VIP France or big spenders", "definition": {"or": [
              {"and": [{"tag": {"has": "VIP"}},
                       {"attribute": {"name": "country", "type": "string", "op": "eq", "value": "FR"}}]},
              {"performed": {"event": "purchase", "where": [{"property": "amount", "type": "number", "op": "gte", "value": 500}],
                             "count": {"op": "at_least", "value": 2}, "window": {"days": 90}}}]}}""";

    static final String PREVIEW = """
            {"definition": {"performed": {"event": "purchase", "window": {"days": 30}}}}""";

    static final String BACKTEST = """
            {"definition": {"performed": {"event": "purchase", "window": {"days": 7}}},
             "history": {"days": 30, "interval": "day"}}""";

    /** The answer of a backtest of 3 days ({@code "history": {"days": 3, "interval": "day"}}). */
    static final String BACKTEST_RESULT = """
            {"count": 2, "sample": [{"usid": 42, "id": "u-42", "email": "ada@example.com", "since": null, "cause": null},
                                    {"usid": 17, "id": "u-17", "email": null, "since": null, "cause": null}],
             "took_ms": 38,
             "history": [{"at": "2026-11-30T12:00:00Z", "count": 0}, {"at": "2026-12-01T12:00:00Z", "count": 1},
                         {"at": "2026-12-02T12:00:00Z", "count": 1}, {"at": "2026-12-03T12:00:00Z", "count": 2}]}""";

    private SegmentExamples() {
    }
}
