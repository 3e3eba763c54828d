package io.xoal.events.workflow.email;

import io.vertx.ext.mail.SMTPException;
import io.xoal.events.workflow.delivery.Attempt;

/**
 * What a failed SMTP send means for its delivery: a permanent (5xx) reply fails the run; a
 * transient (4xx) reply, a timeout or a connection error is tried again later.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static Attempt attempt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp && smtp.getReplyCode() >= 400) {
                int code = smtp.getReplyCode();
                return Attempt.failed(code, smtp.getMessage(), "the SMTP server answered " + smtp.getMessage(), code < 500);
            }
        }
        return Attempt.unanswered(failure);
    }
}
