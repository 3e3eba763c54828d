package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.envelope.Envelope;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the subjects of delete messages inside a flush, with their events and rollups; their
 * messageIds stay, so a replayed message is still a duplicate.
 */
public final class ProfileDeletes {

    private static final String TARGETS = "SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS d(w, k, s)";

    private static final List<String> DELETE = List.of(
            "DELETE FROM events e USING (%s) d WHERE e.workspace_id = d.w AND e.subject_kind = d.k AND e.subject_id = d.s".formatted(TARGETS),
            "DELETE FROM subject_event_daily e USING (%s) d WHERE e.workspace_id = d.w AND e.subject_kind = d.k AND e.subject_id = d.s".formatted(TARGETS),
            "DELETE FROM customers c USING (%s) d WHERE d.k = 'customer' AND c.usid = d.s".formatted(TARGETS),
            "DELETE FROM companies c USING (%s) d WHERE d.k = 'company' AND c.id = d.s".formatted(TARGETS),
            "DELETE FROM custom_objects c USING (%s) d WHERE d.k = 'object' AND c.id = d.s".formatted(TARGETS));

    private ProfileDeletes() {
    }

    public static Uni<Void> apply(SqlConnection conn, List<Envelope> messages, long[] subjectIds) {
        List<Integer> deletes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).action() == Envelope.Action.DELETE) {
                deletes.add(i);
            }
        }
        if (deletes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.of(
                deletes.stream().map(i -> messages.get(i).workspaceId()).toArray(Long[]::new),
                deletes.stream().map(i -> messages.get(i).subject().kind().column()).toArray(String[]::new),
                deletes.stream().map(i -> subjectIds[i]).toArray(Long[]::new));
        return SqlSteps.run(conn, DELETE, args);
    }
}
