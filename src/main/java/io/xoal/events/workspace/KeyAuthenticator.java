package io.xoal.events.workspace;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a presented key to its workspace and kind. Verified keys are cached for a short,
 * configurable time so that ingest does not pay a query per request; a revocation through this
 * instance takes effect at once, on other replicas within the cache time.
 */
@ApplicationScoped
public class KeyAuthenticator {

    private static final int MAX_CACHED = 10_000;

    private final Pool pool;
    private final Clock clock;
    private final WorkspaceConfig config;
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    public KeyAuthenticator(Pool pool, Clock clock, WorkspaceConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /** The verified key, or null when it is unknown or revoked. */
    public Uni<Verified> verify(String key) {
        byte[] hash = ApiKeys.hash(key);
        String cacheKey = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Verified cached = cache.get(cacheKey);
        if (cached != null && cached.validUntil().isAfter(now)) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("SELECT id, workspace_id, kind FROM api_keys WHERE hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(hash))
                .map(RowSet::iterator)
                .map(rows -> rows.hasNext() ? remember(cacheKey, rows.next(), now) : null);
    }

    /**
     * A write key sent in a body (Segment's writeKey) or a URL (the browser SDK's settings): a
     * browser or an ingestion key; 401/403 problems otherwise.
     */
    public Uni<Verified> writeKey(String key) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().failure(new ProblemException(401, "Unauthorized",
                    "Send the write key (pub_… or ing_…) as HTTP Basic user name, as a bearer token, "
                            + "or as writeKey in the body",
                    List.of(), null));
        }
        return verify(key).map(verified -> {
            if (verified == null) {
                throw new ProblemException(401, "Unauthorized", "The writeKey is unknown or revoked", List.of(), null);
            }
            if (verified.kind() == KeyKind.ADMIN) {
                throw new ProblemException(403, "Forbidden",
                        "The writeKey must be a browser key (pub_…) or an ingestion key (ing_…), never an admin key",
                        List.of(), null);
            }
            return verified;
        });
    }

    /** Forgets a revoked key at once on this instance. */
    void forget(byte[] hash) {
        cache.remove(HexFormat.of().formatHex(hash));
    }

    private Verified remember(String cacheKey, Row row, Instant now) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        Verified verified = new Verified(row.getLong("id"), row.getLong("workspace_id"),
                KeyKind.ofColumn(row.getString("kind")), now.plus(config.keyCacheTtl()));
        cache.put(cacheKey, verified);
        return verified;
    }

    /** A key that was found and not revoked. */
    public record Verified(long keyId, long workspaceId, KeyKind kind, Instant validUntil) {
    }
}
