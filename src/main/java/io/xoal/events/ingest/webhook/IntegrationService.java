package io.xoal.events.ingest.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * A workspace's webhook integrations: the signing secret (encrypted) and the unguessable token
 * that names the workspace in the webhook URL. Setting a new secret keeps the URL.
 */
@ApplicationScoped
public class IntegrationService {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final String UPSERT = """
            INSERT INTO integrations (workspace_id, provider, token, secret, secret_hint, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (workspace_id, provider) DO UPDATE
              SET secret = excluded.secret, secret_hint = excluded.secret_hint, updated_at = excluded.updated_at
            RETURNING provider, token, secret_hint, updated_at""";

    private final Pool pool;
    private final SecretBox box;
    private final Clock clock;

    public IntegrationService(Pool pool, SecretBox box, Clock clock) {
        this.pool = pool;
        this.box = box;
        this.clock = clock;
    }

    public Uni<IntegrationViews.IntegrationView> set(long workspaceId, Provider provider, String secret) {
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.tuple(List.of(workspaceId, provider.column(), token(), box.seal(secret), hint(secret),
                        utc(clock.instant()))))
                .map(rows -> view(rows.iterator().next()));
    }

    public Uni<List<IntegrationViews.IntegrationView>> list(long workspaceId) {
        return pool.preparedQuery("SELECT provider, token, secret_hint, updated_at FROM integrations WHERE workspace_id = $1 ORDER BY provider")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    List<IntegrationViews.IntegrationView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<Void> remove(long workspaceId, Provider provider) {
        return pool.preparedQuery("DELETE FROM integrations WHERE workspace_id = $1 AND provider = $2")
                .execute(Tuple.of(workspaceId, provider.column()))
                .map(RowSet::rowCount)
                .invoke(count -> {
                    if (count == 0) {
                        throw ProblemException.notFound("No " + provider.column() + " integration");
                    }
                })
                .replaceWithVoid();
    }

    /** The workspace and clear secret behind a webhook URL's token; 404 when there is none. */
    Uni<Target> target(Provider provider, String token) {
        return pool.preparedQuery("SELECT workspace_id, secret FROM integrations WHERE token = $1 AND provider = $2")
                .execute(Tuple.of(token, provider.column()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("No " + provider.column() + " integration has this URL");
                    }
                    Row row = rows.iterator().next();
                    return new Target(row.getLong("workspace_id"), box.open(row.getBuffer("secret").getBytes()));
                });
    }

    private static IntegrationViews.IntegrationView view(Row row) {
        Instant updated = row.getOffsetDateTime("updated_at").toInstant();
        return new IntegrationViews.IntegrationView(row.getString("provider"),
                "/ingest/v1/" + row.getString("provider") + "/" + row.getString("token"), row.getString("secret_hint"), updated);
    }

    private static String hint(String secret) {
        int underscore = secret.indexOf('_');
        String prefix = underscore > 0 && underscore < 8 ? secret.substring(0, underscore + 1) : "";
        return prefix + "…" + secret.substring(secret.length() - 4);
    }

    private static String token() {
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder("whk_");
        for (int i = 0; i < 32; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    /** Where a webhook delivery goes, and the secret it must be signed with. */
    record Target(long workspaceId, String secret) {
    }
}
