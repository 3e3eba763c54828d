package io.xoal.events.workspace;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Creates workspaces together with their first admin and ingestion keys. */
@ApplicationScoped
public class WorkspaceService {

    private final Clock clock;
    private final KeyService keys;

    public WorkspaceService(Clock clock, KeyService keys) {
        this.clock = clock;
        this.keys = keys;
    }

    @WithTransaction
    public Uni<NewWorkspace> create(String name) {
        return createWith(name, ApiKeys.generate(KeyKind.ADMIN), ApiKeys.generate(KeyKind.INGEST));
    }

    @WithSession
    public Uni<Workspace> get(long id) {
        return Workspace.<Workspace>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No workspace " + id));
    }

    /** Creates the first workspace unless one exists; safe when several replicas start at once. */
    public Uni<NewWorkspace> bootstrap(String adminKey, String ingestKey) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(7220001)")
                        .getSingleResult())
                .flatMap(locked -> Workspace.count())
                .flatMap(count -> count > 0 ? Uni.createFrom().nullItem()
                        : createWith("Default workspace", adminKey, ingestKey)));
    }

    private Uni<NewWorkspace> createWith(String name, String adminKey, String ingestKey) {
        Workspace workspace = new Workspace();
        workspace.name = name;
        workspace.createdAt = clock.instant();
        return workspace.<Workspace>persist()
                .flatMap(saved -> keys.storeGiven(saved.id, adminKey, "admin")
                        .flatMap(admin -> keys.storeGiven(saved.id, ingestKey, "ingest")
                                .map(ingest -> new NewWorkspace(saved, admin.key(), ingest.key()))));
    }

    /** A created workspace and its first keys, shown once. */
    public record NewWorkspace(Workspace workspace, String adminKey, String ingestKey) {
    }
}
