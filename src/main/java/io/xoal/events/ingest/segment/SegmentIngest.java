package io.xoal.events.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.IngestBodyReader;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.ingest.IngestService;
import io.xoal.events.workspace.CurrentWorkspace;
import io.xoal.events.workspace.KeyAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingests a request in Segment's format: one message, an array, or {@code {"batch": [...]}}, for
 * the workspace of the request's key, or else of the {@code writeKey} in its body.
 */
@ApplicationScoped
public class SegmentIngest {

    private final IngestService ingest;
    private final SegmentDialect dialect;
    private final CurrentWorkspace current;
    private final KeyAuthenticator keys;

    public SegmentIngest(IngestService ingest, SegmentDialect dialect, CurrentWorkspace current, KeyAuthenticator keys) {
        this.ingest = ingest;
        this.dialect = dialect;
        this.current = current;
        this.keys = keys;
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
        Uni<Long> workspace = current.known()
                ? Uni.createFrom().item(current.id())
                : keys.ingestWorkspace(writeKey(parsed));
        return workspace.chain(id -> ingest.ingest(id, parsed, dialect.forRequest(parsed.extras(), source, pathType), source));
    }

    private static String writeKey(IngestBodyReader.Body body) {
        JsonNode key = body.batch() ? body.extras().get("writeKey") : body.items().get(0).node().get("writeKey");
        return key != null && key.isTextual() ? key.asText() : null;
    }
}
