package io.xoal.events.ingest.segment;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Opens the Segment HTTP API paths to browsers of any origin, as Segment's own API is: browser
 * SDKs call them from customers' sites. Preflights are answered here; no other path gets CORS.
 */
@ApplicationScoped
public class SegmentCors {

    static final String PATHS = "/v1/((batch|import|b)/?|identify|track|page|screen|group|alias|[itpsga]|projects/[^/]+/settings)";

    void install(@Observes Router router) {
        router.routeWithRegex(PATHS).order(-100).handler(ctx -> {
            ctx.response()
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding")
                    .putHeader("Access-Control-Max-Age", "86400");
            if (ctx.request().method() == HttpMethod.OPTIONS) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.next();
            }
        });
    }
}
