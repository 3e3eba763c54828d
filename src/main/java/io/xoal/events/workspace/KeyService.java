package io.xoal.events.workspace;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/** Creates, lists and revokes a workspace's keys. */
@ApplicationScoped
public class KeyService {

    private final Clock clock;
    private final KeyAuthenticator authenticator;

    public KeyService(Clock clock, KeyAuthenticator authenticator) {
        this.clock = clock;
        this.authenticator = authenticator;
    }

    /** Stores a new key of this kind and returns it in full: the only time it is shown. */
    @WithTransaction
    public Uni<IssuedKey> issue(long workspaceId, KeyKind kind, String name) {
        return storeGiven(workspaceId, ApiKeys.generate(kind), name);
    }

    Uni<IssuedKey> storeGiven(long workspaceId, String key, String name) {
        ApiKey entity = ApiKey.of(workspaceId, name, key, clock.instant());
        return entity.<ApiKey>persist()
                .map(saved -> new IssuedKey(saved, key));
    }

    @WithSession
    public Uni<List<ApiKey>> list(long workspaceId) {
        return ApiKey.list("workspaceId = ?1 order by id desc", workspaceId);
    }

    /** Revokes a key; the last active admin key of a workspace cannot be revoked (409). */
    @WithTransaction
    public Uni<ApiKey> revoke(long workspaceId, long keyId) {
        return ApiKey.<ApiKey>find("workspaceId = ?1 and id = ?2", workspaceId, keyId)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No key " + keyId + " in this workspace"))
                .call(key -> guardLastAdmin(key))
                .invoke(key -> {
                    if (key.revokedAt == null) {
                        key.revokedAt = clock.instant();
                    }
                    authenticator.forget(key.hash);
                });
    }

    private Uni<Void> guardLastAdmin(ApiKey key) {
        if (!KeyKind.ADMIN.column().equals(key.kind) || key.revokedAt != null) {
            return Uni.createFrom().voidItem();
        }
        return ApiKey.count("workspaceId = ?1 and kind = ?2 and revokedAt is null", key.workspaceId, key.kind)
                .invoke(active -> {
                    if (active <= 1) {
                        throw ProblemException.conflict("This is the workspace's last active admin key; issue another first");
                    }
                })
                .replaceWithVoid();
    }

    /** A key as stored, with its full secret. */
    public record IssuedKey(ApiKey entity, String key) {
    }
}
