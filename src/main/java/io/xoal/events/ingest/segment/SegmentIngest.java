package io.xoal.events.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.IngestBodyReader;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.ingest.IngestService;
import io.xoal.events.workspace.CurrentWorkspace;
import io.xoal.events.workspace.KeyAuthenticator;
import io.xoal.events.workspace.KeyKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingests a request in Segment's format: one message, an array, or {@code {"batch": [...]}}, for
 * the workspace of the request's key, or else of the {@code writeKey} in its body; a browser key's
 * messages are held to {@link BrowserScope}.
 */
@ApplicationScoped
public class SegmentIngest {

    private final IngestService ingest;
    private final SegmentDialect dialect;
    private final CurrentWorkspace current;
    private final KeyAuthenticator keys;
    private final BrowserScope browser;

    public SegmentIngest(IngestService ingest, SegmentDialect dialect, CurrentWorkspace current, KeyAuthenticator keys,
                         BrowserScope browser) {
        this.ingest = ingest;
        this.dialect = dialect;
        this.current = current;
        this.keys = keys;
        this.browser = browser;
    }

    /**
     * @param pathType  the message type the path implies, or null
     * @param asSegment whether to answer as Segment's HTTP API does: 400, not 413, for an oversized body
     */
    public Uni<IngestReply> ingest(byte[] body, String source, String pathType, boolean asSegment) {
        IngestBodyReader.Body parsed;
        try {
            parsed = ingest.read(body, "batch", source);
        } catch (ProblemException e) {
            throw asSegment && e.status() == 413 ? ProblemException.badRequest(e.getMessage(), e.errors()) : e;
        }
        Uni<Sender> sender = current.known()
                ? Uni.createFrom().item(new Sender(current.id(), current.kind()))
                : keys.writeKey(writeKey(parsed)).map(key -> new Sender(key.workspaceId(), key.kind()));
        return sender.chain(from -> {
            Dialect messages = dialect.forRequest(parsed.extras(), source, pathType);
            return ingest.ingest(from.workspaceId(), parsed,
                    from.kind() == KeyKind.BROWSER ? browser.limit(messages) : messages, source);
        });
    }

    private static String writeKey(IngestBodyReader.Body body) {
        JsonNode key = body.batch() ? body.extras().get("writeKey") : body.items().get(0).node().get("writeKey");
        return key != null && key.isTextual() ? key.asText() : null;
    }

    /** The workspace and kind of the key a request came with. */
    private record Sender(long workspaceId, KeyKind kind) {
    }
}
