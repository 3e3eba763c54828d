package io.xoal.events.workflow.delivery;

import java.util.UUID;

/**
 * How one send of a delivery ended: sent, skipped on purpose (the outcome names why, e.g.
 * {@code unsubscribed}), or failed, retryably or not. {@code status} is the receiver's answer (an
 * HTTP status, an SMTP reply code), null when there was none.
 */
public record Attempt(String outcome, Integer status, String response, String error, boolean retryable) {

    public static Attempt sent(Integer status, String response) {
        return new Attempt("sent", status, response, null, false);
    }

    /** Nothing was sent and nothing will be: the run moves on, its step log saying {@code outcome}. */
    public static Attempt skipped(String outcome) {
        return new Attempt(outcome, null, null, null, false);
    }

    public static Attempt failed(Integer status, String response, String error, boolean retryable) {
        return new Attempt(null, status, response, error, retryable);
    }

    /** A failure with no answer at all (timeout, connection error): worth another try. */
    public static Attempt unanswered(Throwable failure) {
        return failed(null, null, failure.toString(), true);
    }

    /** Sent or skipped: the run goes on to its next step. */
    boolean done() {
        return outcome != null;
    }

    /** The step log's detail: the delivery id and the answer's status. */
    String detail(UUID delivery) {
        return "{\"delivery_id\": \"" + delivery + "\", \"response_status\": " + status + "}";
    }
}
