package io.xoal.events.workflow;

/** Request examples of the OpenAPI document. */
final class WorkflowExamples {

    static final String WELCOME = """
            {"name": "Welcome", "status": "active",
             "definition": {"trigger": {"event": "signed_up"}, "reentry": "once",
              "steps": [{"id": "wait", "type": "delay", "duration": "PT1H", "next": "welcome"},
                        {"id": "welcome", "type": "webhook", "url": "https://example.com/hooks/welcome", "next": "done"},
                        {"id": "done", "type": "exit"}]}}""";

    static final String PER_CART = """
            {"name": "Abandoned cart", "status": "active",
             "definition": {"trigger": {"event": "cart_abandoned"}, "enrol_key": {"property": "cartId"},
              "goal": {"event": "order_placed"},
              "steps": [{"id": "wait", "type": "wait_for_event", "event": "checked_out", "match": {"property": "cartId"},
                         "timeout": "PT4H", "next": "done", "timeout_next": "route"},
                        {"id": "route", "type": "branch", "cases": [{"condition": {"attribute": {"name": "plan", "type": "string",
                         "op": "eq", "value": "pro"}}, "next": "remind"}], "default": "morning"},
                        {"id": "morning", "type": "delay", "time_of_day": {"at": "09:00", "fallback_zone": "Europe/Berlin"},
                         "next": "remind"},
                        {"id": "remind", "type": "webhook", "url": "https://example.com/hooks/cart", "next": "tag"},
                        {"id": "tag", "type": "update", "add_tag": "cart_reminded", "next": "done"},
                        {"id": "done", "type": "exit"}]}}""";

    private WorkflowExamples() {
    }
}
