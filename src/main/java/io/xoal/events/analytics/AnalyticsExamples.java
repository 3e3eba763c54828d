package io.xoal.events.analytics;

/** Request bodies shown as examples in the OpenAPI document (docs/analytics.md explains them). */
final class AnalyticsExamples {

    static final String FUNNEL = """
            {"steps": [
               {"event": "signed_up"},
               {"event": "feature_used", "where": [{"property": "feature", "type": "string", "op": "eq", "value": "export"}]},
               {"event": "upgraded", "where": [{"property": "plan", "type": "string", "op": "in", "value": ["pro", "team"]}]}],
             "window": {"days": 7},
             "exclude": {"event": "cancelled"},
             "from": "2026-10-01", "to": "2026-11-01", "tz": "Europe/Berlin"}""";

    static final String RETENTION = """
            {"cohort_event": "signed_up", "cohort": "first", "return_event": "login",
             "interval": "week", "periods": 8, "from": "2026-09-07", "tz": "Europe/Berlin"}""";

    private AnalyticsExamples() {
    }
}
