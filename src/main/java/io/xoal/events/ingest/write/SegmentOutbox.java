package io.xoal.events.ingest.write;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * Queues, in the flush's transaction, the customers whose profile a message may have changed
 * (identify, group, merge, and an event that carries traits, a merge or an e-mail), so that
 * segments reading attributes re-evaluate them. Events themselves are queued by the events
 * statement, by name: a segment that reads neither their name nor {@code last_active} does not
 * re-evaluate a customer for them.
 */
final class SegmentOutbox {

    private static final String QUEUE = """
            INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)
            SELECT w, array_agg(u), array_agg(NULL::bigint), array_agg(NULL::text), now()
            FROM unnest($1::bigint[], $2::bigint[]) AS t(w, u)
            GROUP BY w
            HAVING EXISTS (SELECT 1 FROM segments s WHERE s.workspace_id = t.w AND s.status = 'active')""";

    private SegmentOutbox() {
    }

    static Uni<Void> profiles(SqlConnection conn, List<Envelope> messages, long[] subjectIds) {
        List<Long> workspaces = new ArrayList<>();
        List<Long> usids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Envelope m = messages.get(i);
            if (m.action() != Envelope.Action.DELETE && m.subject().kind() == Subject.Kind.CUSTOMER
                    && (m.action() != Envelope.Action.TRACK || changesProfile(m))) {
                workspaces.add(m.workspaceId());
                usids.add(subjectIds[i]);
            }
        }
        if (usids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(QUEUE)
                .execute(Tuple.of(workspaces.toArray(Long[]::new), usids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** An event's own profile changes: traits, relations, a merge, or an e-mail that may be stored on a profile without one. */
    private static boolean changesProfile(Envelope m) {
        return !m.changes().equals(ProfileChange.NONE) || m.subject().email() != null;
    }
}
