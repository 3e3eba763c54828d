package io.xoal.events.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xoal.events.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The drain stage of a graceful shutdown (docs/architecture.md, "Shutdown"). After SIGTERM Quarkus
 * serves for {@code quarkus.shutdown.delay} with readiness DOWN, then waits up to
 * {@code quarkus.shutdown.timeout} for the requests in flight — but keeps accepting meanwhile, and
 * at the end closes the listener and every connection at once, resetting whatever had just
 * arrived. Once the delay is over, the first request this gate sees closes the listening socket
 * instead (new connections are refused: the pod left its Service during the delay), and each new
 * request on a connection still open gets a 503 problem and {@code Connection: close}, so that only
 * requests received before the delay ended are still in flight when Quarkus closes the connections.
 */
@ApplicationScoped
public class ShutdownGate {

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final Duration delay;
    private volatile boolean draining;

    ShutdownGate(Vertx vertx, ObjectMapper mapper,
                 @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "PT0S") Duration delay) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.delay = delay;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    /** Fired by Quarkus on SIGTERM, before the delay; the gate closes when the delay is over. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> draining = true);
    }

    private void handle(RoutingContext ctx) {
        // The probes still answer: readiness reports DOWN by itself, liveness stays UP.
        if (!draining || ctx.normalizedPath().startsWith("/q/health")) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        closeListener(request.connection());
        // The body is read (and dropped) before the reply: closing a socket with unread bytes resets it.
        if (request.isEnded()) {
            refuse(ctx);
        } else {
            request.handler(ignored -> { });
            request.endHandler(ended -> refuse(ctx));
            request.resume();
        }
    }

    private void refuse(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, "1");
        if (ctx.request().version() == HttpVersion.HTTP_2) {
            // Quarkus already sent GOAWAY; the connection closes once its other streams are done.
            response.end(refusal(ctx.normalizedPath()));
        } else {
            response.putHeader(HttpHeaders.CONNECTION, "close")
                    .end(refusal(ctx.normalizedPath()))
                    .onComplete(done -> ctx.request().connection().close());
        }
    }

    private String refusal(String path) {
        try {
            return mapper.writeValueAsString(new Problem("https://xoal.io/problems/503", "Service Unavailable", 503,
                    "This instance is shutting down; nothing of this request was stored. Retry: another instance serves it.",
                    path, List.of()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the server socket the connection was accepted on, and only that: Vert.x 4 has no
     * public way to stop accepting while its connections finish, so this goes to the Netty channel.
     */
    private static void closeListener(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            Channel listener = base.channel().parent();
            if (listener != null && listener.isOpen()) {
                listener.close();
            }
        }
    }
}
