package io.xoal.events.workflow.email;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.delivery.Attempt;
import io.xoal.events.workflow.delivery.Delivery;
import io.xoal.events.workflow.delivery.SendStep;
import io.xoal.events.workflow.engine.ClaimedRun;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An email step, sent over SMTP by the reactive mailer through the shared delivery machinery
 * ({@link SendStep}): every attempt of a delivery carries {@code Message-ID: <delivery-id@domain>}
 * and the RFC 8058 one-click unsubscribe headers. A customer without an email address, or whose
 * {@code unsubscribed} attribute is true, gets nothing and the run moves on. The templates see
 * {@code customer}, {@code event} (the trigger event) and {@code unsubscribe_url}, all maps or text.
 */
@ApplicationScoped
public class EmailStep {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final SendStep sends;
    private final ReactiveMailer mailer;
    private final UnsubscribeTokens tokens;
    private final ObjectMapper mapper;
    private final EmailConfig config;

    public EmailStep(SendStep sends, ReactiveMailer mailer, UnsubscribeTokens tokens, ObjectMapper mapper, EmailConfig config) {
        this.sends = sends;
        this.mailer = mailer;
        this.tokens = tokens;
        this.mapper = mapper;
        this.config = config;
    }

    /** False when the run's lease was lost before the delivery row or the outcome could be written. */
    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step) {
        return sends.run(run, step, "email", delivery -> send(run, step.email(), delivery));
    }

    private Uni<Attempt> send(ClaimedRun run, StepSettings.Email email, Delivery delivery) {
        Map<String, Object> customer = delivery.customer() == null ? null : read(delivery.customer());
        if (customer == null || !(customer.get("email") instanceof String to) || to.isBlank()) {
            return Uni.createFrom().item(Attempt.skipped("no_email"));
        }
        if (customer.get("attributes") instanceof Map<?, ?> attributes && isTrue(attributes.get("unsubscribed"))) {
            return Uni.createFrom().item(Attempt.skipped("unsubscribed"));
        }
        String unsubscribe = config.publicUrl().replaceAll("/+$", "") + "/email/unsubscribe/"
                + tokens.token(run.workspaceId(), run.subjectId());
        Map<String, Object> data = Map.of("customer", customer, "event", read(run.context()), "unsubscribe_url", unsubscribe);
        // Templates read maps only: rendering is computation, with nothing to wait for.
        Mail mail = new Mail()
                .setFrom(config.from())
                .addTo(to)
                .setSubject(render(email.subject(), data))
                .setText(render(email.text(), data))
                .setHtml(render(email.html(), data))
                .addHeader("Message-ID", "<" + delivery.id() + "@" + config.messageIdDomain() + ">")
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return mailer.send(mail)
                .ifNoItem().after(config.sendTimeout()).fail()
                .replaceWith(Attempt.sent(null, null))
                .onFailure().recoverWithItem(SmtpFailures::attempt);
    }

    private static String render(Template template, Map<String, Object> data) {
        return template == null ? null : template.render(data);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
