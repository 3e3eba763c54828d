package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;

import java.util.List;

/**
 * An email step's {@code subject} (required) and {@code text} / {@code html} (at least one), each a
 * Qute template parsed here, when the definition is saved: one that does not parse is an error at
 * its pointer with Qute's message. Templates read only maps (docs/workflows.md, template data), so
 * the engine needs no reflection; a value that is not there renders as nothing, and the HTML
 * part's values are escaped.
 */
final class EmailReader {

    private static final int MAX_TEMPLATE = 100_000;

    private EmailReader() {
    }

    static StepSettings read(JsonNode json, String at, Checks checks) {
        Template subject = template(json.get("subject"), at + "/subject", Variant.TEXT_PLAIN, checks);
        if (!json.has("text") && !json.has("html")) {
            checks.error(at + "/text", "an email needs a text or an html body, or both");
        }
        Template text = json.has("text") ? template(json.get("text"), at + "/text", Variant.TEXT_PLAIN, checks) : null;
        Template html = json.has("html") ? template(json.get("html"), at + "/html", Variant.TEXT_HTML, checks) : null;
        return new StepSettings.Email(subject, text, html);
    }

    private static Template template(JsonNode json, String at, String contentType, Checks checks) {
        if (json == null || !json.isTextual() || json.asText().isBlank() || json.asText().length() > MAX_TEMPLATE) {
            checks.error(at, "must be a Qute template of 1 to " + MAX_TEMPLATE + " characters");
            return null;
        }
        try {
            return Engines.ENGINE.parse(json.asText(), Variant.forContentType(contentType));
        } catch (TemplateException e) {
            checks.error(at, "is not a valid template: " + e.getMessage());
            return null;
        }
    }

    /** Built on first use (not at class initialisation of the reader's callers); it holds no state per template. */
    private static final class Engines {

        static final Engine ENGINE = Engine.builder()
                .addDefaults()
                .strictRendering(false)
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addResultMapper(new Missing())
                .build();
    }

    /** A value that is not in the data renders as an empty string (not Qute's {@code NOT_FOUND}), before any escaping. */
    private static final class Missing implements ResultMapper {

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 10;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return Results.isNotFound(result);
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }
}
