package io.xoal.events.workspace;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.function.Supplier;

/** Creates workspaces together with their first keys. */
@ApplicationScoped
public class WorkspaceService {

    private final Clock clock;
    private final KeyService keys;

    public WorkspaceService(Clock clock, KeyService keys) {
        this.clock = clock;
        this.keys = keys;
    }

    /** A workspace with an admin, an ingestion and a browser key, so analytics.js gets the public one from the start. */
    @WithTransaction
    public Uni<NewWorkspace> create(String name) {
        return createWith(name, ApiKeys.generate(KeyKind.ADMIN), ApiKeys.generate(KeyKind.INGEST),
                ApiKeys.generate(KeyKind.BROWSER));
    }

    @WithSession
    public Uni<Workspace> get(long id) {
        return Workspace.<Workspace>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No workspace " + id));
    }

    /**
     * Creates the first workspace unless one exists; safe when several replicas start at once.
     * {@code keys} is asked only when a workspace is created, so a restart needs no bootstrap keys.
     */
    public Uni<NewWorkspace> bootstrap(Supplier<BootstrapKeys> keys) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(7220001)")
                        .getSingleResult())
                .flatMap(locked -> Workspace.count())
                .flatMap(count -> count > 0 ? Uni.createFrom().nullItem() : createFirst(keys.get())));
    }

    private Uni<NewWorkspace> createFirst(BootstrapKeys given) {
        return createWith("Default workspace", given.admin(), given.ingest(), null);
    }

    private Uni<NewWorkspace> createWith(String name, String adminKey, String ingestKey, String browserKey) {
        Workspace workspace = new Workspace();
        workspace.name = name;
        workspace.createdAt = clock.instant();
        return workspace.<Workspace>persist()
                .flatMap(saved -> keys.storeGiven(saved.id, adminKey, "admin")
                        .flatMap(admin -> keys.storeGiven(saved.id, ingestKey, "ingest"))
                        .flatMap(ingest -> browserKey == null ? Uni.createFrom().voidItem()
                                : keys.storeGiven(saved.id, browserKey, "browser").replaceWithVoid())
                        .map(stored -> new NewWorkspace(saved, adminKey, ingestKey, browserKey)));
    }

    /** A created workspace and its first keys, shown once; the first workspace gets no browser key (null). */
    public record NewWorkspace(Workspace workspace, String adminKey, String ingestKey, String browserKey) {
    }
}
