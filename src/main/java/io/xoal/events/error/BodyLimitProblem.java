package io.xoal.events.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP layer refuses a body above {@code quarkus.http.limits.max-body-size} before any
 * resource runs, with a bare 413 and no body. This answers such a request first, from its
 * {@code Content-Length}, with the same problem document as every other error.
 */
@ApplicationScoped
public class BodyLimitProblem {

    private final long limit;

    BodyLimitProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("\\d{1,18}") || Long.parseLong(length) <= limit) {
            ctx.next();
            return;
        }
        String body = "{\"type\":\"https://xoal.io/problems/413\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"The body is " + length + " bytes; this service accepts at most " + limit + " bytes per request\","
                + "\"instance\":\"" + ctx.normalizedPath().replaceAll("[\"\\\\]", "") + "\",\"errors\":[]}";
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                // The announced body is never read: the connection cannot be reused.
                .onComplete(done -> ctx.request().connection().close());
    }
}
