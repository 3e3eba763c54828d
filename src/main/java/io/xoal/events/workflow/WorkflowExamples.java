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
              "steps": [{"id": "wait", "type": "delay", "duration": "PT4H", "next": "remind"},
                        {"id": "remind", "type": "webhook", "url": "https://example.com/hooks/cart", "next": "done"},
                        {"id": "done", "type": "exit"}]}}""";

    private WorkflowExamples() {
    }
}
