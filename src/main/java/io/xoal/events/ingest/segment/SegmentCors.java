package io.xoal.events.ingest.segment;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Opens the Segment-spec paths (Segment's HTTP API and Xoal's source endpoints) to browsers of any
 * origin, as Segment's own API is: browser SDKs call them from customers' sites with a browser
 * key. Preflights are answered here; no other path gets CORS. No credentials are allowed, so a
 * page can only send the key it holds itself.
 */
@ApplicationScoped
public class SegmentCors {

    static final String PATHS = "/v1/((batch|import|b)/?|identify|track|page|screen|group|alias|[itpsga]"
            + "|projects/[^/]+/settings)|/ingest/v1/(segment|rudderstack|hightouch|jitsu)/event";

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
