package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.workflow.engine.WorkflowSubjects;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes the subjects of delete messages inside a flush, with their events and rollups; their
 * messageIds stay, so a replayed message is still a duplicate. A deleted customer leaves its
 * segments through the ledger (cause {@code deleted}); their workflow runs go ({@link WorkflowSubjects}).
 */
public final class ProfileDeletes {

    private static final String TARGETS = "SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS d(w, k, s)";

    /** Aliases before customers, in key order, as merges and alias-resolving tracks take them. */
    private static final List<String> LOCKS = List.of(
            "SELECT 1 FROM customer_aliases x, (%s) d WHERE d.k = 'customer' AND x.usid = d.s ORDER BY x.workspace_id, x.alias FOR UPDATE OF x"
                    .formatted(TARGETS),
            "SELECT 1 FROM customers c, (%s) d WHERE d.k = 'customer' AND c.usid = d.s ORDER BY c.usid FOR UPDATE OF c".formatted(TARGETS));

    private static final String LEDGER = """
            WITH gone AS (
              DELETE FROM segment_members sm USING (%s) d WHERE d.k = 'customer' AND sm.workspace_id = d.w AND sm.usid = d.s
              RETURNING sm.workspace_id, sm.segment_id, sm.usid)
            INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)
            SELECT DISTINCT g.workspace_id, g.segment_id, g.usid, false, $4::timestamptz, 'deleted' FROM gone g""".formatted(TARGETS);

    private static final List<String> DELETE = Stream.concat(WorkflowSubjects.erased(TARGETS).stream(), Stream.of(
            "DELETE FROM events e USING (%s) d WHERE e.workspace_id = d.w AND e.subject_kind = d.k AND e.subject_id = d.s".formatted(TARGETS),
            "DELETE FROM subject_event_daily e USING (%s) d WHERE e.workspace_id = d.w AND e.subject_kind = d.k AND e.subject_id = d.s".formatted(TARGETS),
            "DELETE FROM customers c USING (%s) d WHERE d.k = 'customer' AND c.usid = d.s".formatted(TARGETS),
            "DELETE FROM companies c USING (%s) d WHERE d.k = 'company' AND c.id = d.s".formatted(TARGETS),
            "DELETE FROM custom_objects c USING (%s) d WHERE d.k = 'object' AND c.id = d.s".formatted(TARGETS))).toList();

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
        Tuple ledger = Tuple.tuple(List.of(args.getValue(0), args.getValue(1), args.getValue(2),
                Instants.utc(messages.get(deletes.get(0)).receivedAt())));
        return SqlSteps.run(conn, LOCKS, args)
                .chain(() -> conn.preparedQuery(LEDGER).execute(ledger))
                .chain(() -> SqlSteps.run(conn, DELETE, args));
    }
}
