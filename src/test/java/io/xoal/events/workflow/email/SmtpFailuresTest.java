package io.xoal.events.workflow.email;

import io.vertx.ext.mail.SMTPException;
import io.xoal.events.workflow.delivery.Attempt;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How SMTP failures end a delivery attempt: 5xx fails the run, 4xx and no answer are retried. */
class SmtpFailuresTest {

    @Test
    void aPermanentReplyFailsWithTheServersAnswer() {
        Attempt attempt = SmtpFailures.attempt(new SMTPException("sending to the recipient failed", 550, List.of("550 5.1.1 no such user"), false));
        assertFalse(attempt.retryable());
        assertEquals(550, attempt.status());
        assertTrue(attempt.error().contains("550 5.1.1 no such user"), attempt.error());
    }

    @Test
    void aTransientReplyIsRetriedAlsoWhenWrapped() {
        Attempt attempt = SmtpFailures.attempt(new CompletionException(new SMTPException("sending failed", 451, List.of("451 try later"), false)));
        assertTrue(attempt.retryable());
        assertEquals(451, attempt.status());
    }

    @Test
    void noAnswerIsRetried() {
        Attempt attempt = SmtpFailures.attempt(new ConnectException("Connection refused: 127.0.0.1/127.0.0.1:2525"));
        assertTrue(attempt.retryable());
        assertNull(attempt.status());
        assertTrue(attempt.error().contains("Connection refused"));
    }
}
