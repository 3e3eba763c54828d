package io.xoal.events.event;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/** Deletes a subject's events and rollups inside the caller's transaction (when the subject is deleted). */
public final class EventErasure {

    private EventErasure() {
    }

    /** Runs in the current Panache session and transaction. */
    public static Uni<Void> eraseSubject(long workspaceId, String kind, long subjectId) {
        return Panache.getSession()
                .flatMap(session -> eraseSubject(session, workspaceId, kind, subjectId));
    }

    private static Uni<Void> eraseSubject(Mutiny.Session session, long workspaceId, String kind, long subjectId) {
        return delete(session, "DELETE FROM events WHERE workspace_id = :ws AND subject_kind = :kind AND subject_id = :id",
                workspaceId, kind, subjectId)
                .chain(() -> delete(session, "DELETE FROM subject_event_daily WHERE workspace_id = :ws "
                        + "AND subject_kind = :kind AND subject_id = :id", workspaceId, kind, subjectId));
    }

    private static Uni<Void> delete(Mutiny.Session session, String sql, long workspaceId, String kind, long subjectId) {
        return session.createNativeQuery(sql)
                .setParameter("ws", workspaceId)
                .setParameter("kind", kind)
                .setParameter("id", subjectId)
                .executeUpdate()
                .replaceWithVoid();
    }
}
