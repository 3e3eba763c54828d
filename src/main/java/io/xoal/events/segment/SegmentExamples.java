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

    private SegmentExamples() {
    }
}
