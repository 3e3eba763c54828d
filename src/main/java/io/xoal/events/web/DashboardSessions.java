package io.xoal.events.web;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Hashes;
import io.xoal.events.workspace.KeyAuthenticator;
import io.xoal.events.workspace.KeyKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Dashboard sign-ins: an admin key buys a random session token (only its hash is stored) and a
 * CSRF token. A session is valid until it expires, is signed out, or its key is revoked: every
 * lookup joins the key, so a revocation ends the dashboard session at once on every replica.
 */
@ApplicationScoped
public class DashboardSessions {

    private static final String RESOLVE = """
            SELECT s.workspace_id, s.csrf_token, w.name
            FROM dashboard_sessions s
            JOIN api_keys k ON k.id = s.key_id AND k.revoked_at IS NULL
            JOIN workspaces w ON w.id = s.workspace_id
            WHERE s.token_hash = $1 AND s.expires_at > $2""";

    private final Pool pool;
    private final Clock clock;
    private final KeyAuthenticator keys;
    private final DashboardConfig config;

    public DashboardSessions(Pool pool, Clock clock, KeyAuthenticator keys, DashboardConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.keys = keys;
        this.config = config;
    }

    /** A new session for an admin key, or null when the key is unknown, revoked or not an admin key. */
    public Uni<Session> signIn(String key) {
        return keys.verify(key)
                .onItem().ifNotNull().transformToUni(verified -> verified.kind() == KeyKind.ADMIN
                        ? store(verified.workspaceId(), verified.keyId())
                        : Uni.createFrom().nullItem());
    }

    /** The live session of a cookie's token, or null. */
    public Uni<Session> resolve(String token) {
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(RESOLVE)
                .execute(Tuple.of(hash(token), clock.instant().atOffset(ZoneOffset.UTC)))
                .map(RowSet::iterator)
                .map(rows -> rows.hasNext() ? session(token, rows.next()) : null);
    }

    /** Ends a session (sign-out); expired sessions of any workspace are removed with it. */
    public Uni<Void> signOut(String token) {
        return pool.preparedQuery("DELETE FROM dashboard_sessions WHERE token_hash = $1 OR expires_at <= $2")
                .execute(Tuple.of(hash(token), clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A random URL-safe token of 32 bytes; the random source is made per call (native images). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Uni<Session> store(long workspaceId, long keyId) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        return pool.preparedQuery("""
                        WITH gone AS (DELETE FROM dashboard_sessions WHERE expires_at <= $5)
                        INSERT INTO dashboard_sessions (token_hash, workspace_id, key_id, csrf_token, created_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.from(new Object[]{hash(token), workspaceId, keyId, csrf,
                        now.atOffset(ZoneOffset.UTC), now.plus(config.sessionTtl()).atOffset(ZoneOffset.UTC)}))
                .flatMap(ignored -> resolve(token));
    }

    private static Session session(String token, Row row) {
        return new Session(token, row.getLong("workspace_id"), row.getString("name"), row.getString("csrf_token"));
    }

    private static byte[] hash(String token) {
        return Hashes.sha256(token);
    }

    /** Whether a token sent equals the expected one, in constant time. */
    static boolean sameToken(String sent, String expected) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** A signed-in browser: its cookie token, workspace and CSRF token. */
    public record Session(String token, long workspaceId, String workspaceName, String csrf) {
    }
}
