package io.xoal.events.workflow.webhook;

import java.util.UUID;

/** What one POST of a webhook got back: a status and body, or no answer (timeout, connection error). */
record WebhookAttempt(Integer status, String body, String failure) {

    static WebhookAttempt answered(int status, String body) {
        return new WebhookAttempt(status, body, null);
    }

    static WebhookAttempt unanswered(String failure) {
        return new WebhookAttempt(null, null, failure);
    }

    boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    /** 5xx, 408, 429 and no answer may pass; other 4xx (and 1xx/3xx) will not. */
    boolean retryable() {
        return status == null || status >= 500 || status == 408 || status == 429;
    }

    String error() {
        return status == null ? failure : "the receiver answered " + status;
    }

    /** The step log's detail: the delivery id and the answer's status. */
    String detail(UUID delivery) {
        return "{\"delivery_id\": \"" + delivery + "\", \"response_status\": " + status + "}";
    }
}
