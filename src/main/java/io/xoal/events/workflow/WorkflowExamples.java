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

    static final String SEGMENT_ENTERED = """
            {"name": "Welcome to VIP", "status": "active",
             "definition": {"trigger": {"segment": {"id": 1, "on": "entered"}}, "reentry": {"interval": "P7D"},
              "goal": {"segment_entered": 2},
              "steps": [{"id": "wait", "type": "delay", "duration": "P1D", "next": "hello"},
                        {"id": "hello", "type": "webhook", "url": "https://example.com/hooks/vip", "next": "done"},
                        {"id": "done", "type": "exit"}]}}""";

    static final String API = """
            {"name": "Order follow-up", "status": "active",
             "definition": {"trigger": {"api": {}}, "max_active_per_customer": 2,
              "steps": [{"id": "route", "type": "branch", "cases": [{"condition": {"trigger": [{"property": "total", "type": "number",
                         "op": "gte", "value": 100}]}, "next": "thanks"}], "default": "done"},
                        {"id": "thanks", "type": "webhook", "url": "https://example.com/hooks/big-order", "next": "done"},
                        {"id": "done", "type": "exit"}]}}""";

    static final String API_RUN = """
            {"customer_id": "u1", "payload": {"order_id": "o-17", "total": 120}}""";

    private WorkflowExamples() {
    }
}
