package io.xoal.events.ingest.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.identity.FlushRounds;
import io.xoal.events.ingest.identity.IdentityMerges;
import io.xoal.events.ingest.identity.ProfileDeletes;
import io.xoal.events.ingest.identity.ProfileUpdates;
import io.xoal.events.ingest.identity.SubjectUpserts;
import io.xoal.events.ingest.partition.DedupGenerations;
import io.xoal.events.segment.OutboxFence;
import io.xoal.events.workflow.engine.WorkflowEnrolment;
import io.xoal.events.workflow.engine.WorkflowSignals;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One flush of the group-commit writer: ONE transaction of set-based statements — messageId
 * dedup, subject upserts, the event rows, the per-subject daily rollup, the outbox row
 * ({@code segment_work}) from which segments re-evaluate the customers touched (with an entry
 * without a name for each event that is its customer's first: it created the customer or moved
 * the start of their history), and the workflow
 * inbox rows of events that trigger an active workflow ({@link WorkflowEnrolment}). {@code unnest} of
 * arrays is used because the reactive client has no COPY and it measured within a few percent
 * of it (docs/performance.md).
 */
@ApplicationScoped
class EventFlush {

    // Inserted into the current generation unless an older one holds the messageId (DedupGenerations); the
    // per-row sub-select keeps the check an index probe per generation whatever the planner estimates.
    private static final String DEDUP = """
            INSERT INTO message_ids (workspace_id, message_id, received_at, generation)
            SELECT t.w, t.m, t.r, g.day
            FROM (SELECT max(day) AS day FROM message_id_generations) g,
                 unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS t(w, m, r)
            WHERE (SELECT true FROM message_ids o
                   WHERE o.workspace_id = t.w AND o.message_id = t.m AND o.generation < g.day LIMIT 1) IS NULL
            ON CONFLICT DO NOTHING
            RETURNING workspace_id, message_id""";

    private static final String EVENTS_AND_ROLLUP = """
            WITH e AS (
              INSERT INTO events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source)
              SELECT w, o, r, m, n, k, s, p::jsonb, src
              FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                          $7::bigint[], $8::text[], $9::text[]) AS t(w, o, r, m, n, k, s, p, src)
              RETURNING id, workspace_id, subject_kind, subject_id, name, occurred_at, message_id, properties),
            """ + WorkflowEnrolment.cte("$10") + ",\n" + WorkflowSignals.cte("$10") + """
            ,
            work AS (
              INSERT INTO segment_work (workspace_id, usids, event_ids, names, occurred_ats, created_at)
              SELECT workspace_id, array_agg(subject_id ORDER BY id), array_agg(id ORDER BY id), array_agg(name ORDER BY id),
                     array_agg(occurred_at ORDER BY id), now()
              FROM (SELECT id, workspace_id, subject_id, name, occurred_at FROM e WHERE subject_kind = 'customer'
                    UNION ALL
                    SELECT e.id, e.workspace_id, e.subject_id, NULL, e.occurred_at FROM e
                    JOIN customers c ON c.workspace_id = e.workspace_id AND c.usid = e.subject_id
                    WHERE e.subject_kind = 'customer' AND c.first_event_at = e.occurred_at) x
              GROUP BY workspace_id
              HAVING EXISTS (SELECT 1 FROM segments s WHERE s.workspace_id = x.workspace_id AND s.status = 'active'))
            INSERT INTO subject_event_daily AS d (workspace_id, subject_kind, subject_id, name, day, event_count, first_at, last_at)
            SELECT workspace_id, subject_kind, subject_id, name, (occurred_at AT TIME ZONE 'UTC')::date,
                   count(*), min(occurred_at), max(occurred_at)
            FROM e GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (workspace_id, subject_kind, subject_id, name, day) DO UPDATE
              SET event_count = d.event_count + excluded.event_count,
                  first_at = least(d.first_at, excluded.first_at),
                  last_at = greatest(d.last_at, excluded.last_at)""";

    private final FlushTransaction transaction;
    private final ProfileUpdates profiles;
    private final WorkflowEnrolment enrolment;

    EventFlush(FlushTransaction transaction, ObjectMapper mapper, WorkflowEnrolment enrolment) {
        this.transaction = transaction;
        this.profiles = new ProfileUpdates(mapper);
        this.enrolment = enrolment;
    }

    /**
     * Stores the events, and runs {@code alongside} in the same transaction; the result flags, per
     * event, whether its messageId was already stored.
     */
    Uni<boolean[]> run(List<Envelope> events, Function<SqlConnection, Uni<Void>> alongside) {
        boolean[] duplicate = new boolean[events.size()];
        Map<String, Integer> firstOf = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (firstOf.putIfAbsent(dedupKey(events.get(i).workspaceId(), events.get(i).messageId()), i) != null) {
                duplicate[i] = true;
            } else {
                candidates.add(i);
            }
        }
        List<Envelope> unique = candidates.stream().map(events::get).toList();
        return transaction.run(conn -> dedup(conn, unique)
                        .chain(fresh -> store(conn, unique, fresh))
                        .call(() -> alongside.apply(conn)))
                .map(stored -> {
                    for (int i = 0; i < unique.size(); i++) {
                        duplicate[candidates.get(i)] = !stored[i];
                    }
                    return duplicate;
                });
    }

    private static Uni<boolean[]> dedup(SqlConnection conn, List<Envelope> events) {
        // Sorted, so that concurrent flushes take the unique-index locks in the same order.
        List<Envelope> sorted = events.stream()
                .sorted(Comparator.comparing((Envelope e) -> dedupKey(e.workspaceId(), e.messageId())))
                .toList();
        Tuple args = Tuple.of(
                sorted.stream().map(Envelope::workspaceId).toArray(Long[]::new),
                sorted.stream().map(Envelope::messageId).toArray(String[]::new),
                sorted.stream().map(e -> Instants.utc(e.receivedAt())).toArray(OffsetDateTime[]::new));
        // One round trip for both locks; the fence comes before every outbox check of the flush.
        return conn.query(DedupGenerations.SHARE + ";\n" + OutboxFence.SHARE).execute()
                .chain(() -> conn.preparedQuery(DEDUP).execute(args)).map(rows -> {
            Set<String> inserted = new HashSet<>();
            for (Row row : rows) {
                inserted.add(dedupKey(row.getLong(0), row.getString(1)));
            }
            boolean[] fresh = new boolean[events.size()];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = inserted.contains(dedupKey(events.get(i).workspaceId(), events.get(i).messageId()));
            }
            return fresh;
        });
    }

    private Uni<boolean[]> store(SqlConnection conn, List<Envelope> events, boolean[] fresh) {
        List<Envelope> toStore = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                toStore.add(events.get(i));
            }
        }
        if (toStore.isEmpty()) {
            return Uni.createFrom().item(fresh);
        }
        Uni<Void> rounds = Uni.createFrom().voidItem();
        for (List<Envelope> round : FlushRounds.of(toStore)) {
            rounds = rounds.chain(() -> storeRound(conn, round));
        }
        return rounds.replaceWith(fresh);
    }

    /** The steps of one round of a flush ({@link FlushRounds}), each one statement for all its messages. */
    private Uni<Void> storeRound(SqlConnection conn, List<Envelope> messages) {
        // Related companies, objects and customers are resolved with the subjects, after them.
        List<Envelope> subjects = new ArrayList<>(messages);
        messages.forEach(e -> e.changes().relations().forEach(r -> subjects.add(e.withSubject(r))));
        return SubjectUpserts.resolve(conn, subjects, messages.size())
                .chain(ids -> insertEvents(conn, messages, ids)
                        .chain(() -> profiles.apply(conn, messages, ids, relationIds(messages, ids)))
                        .chain(() -> IdentityMerges.apply(conn, messages, ids))
                        .chain(() -> ProfileDeletes.apply(conn, messages, ids))
                        .chain(() -> SegmentOutbox.profiles(conn, messages, ids)));
    }

    private Uni<Void> insertEvents(SqlConnection conn, List<Envelope> messages, long[] subjectIds) {
        List<Envelope> tracks = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).action() == Envelope.Action.TRACK) {
                tracks.add(messages.get(i));
                ids.add(subjectIds[i]);
            }
        }
        if (tracks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(EVENTS_AND_ROLLUP).execute(eventRows(tracks, ids, enrolment.cutoff())).replaceWithVoid();
    }

    /** The row ids of each message's relations; they follow the messages in {@code ids}. */
    private static long[][] relationIds(List<Envelope> messages, long[] ids) {
        long[][] relations = new long[messages.size()][];
        int next = messages.size();
        for (int i = 0; i < relations.length; i++) {
            relations[i] = new long[messages.get(i).changes().relations().size()];
            for (int r = 0; r < relations[i].length; r++) {
                relations[i][r] = ids[next++];
            }
        }
        return relations;
    }

    private static Tuple eventRows(List<Envelope> events, List<Long> subjectIds, OffsetDateTime workflowCutoff) {
        int n = events.size();
        Long[] ws = new Long[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        String[] messageIds = new String[n];
        String[] names = new String[n];
        String[] kinds = new String[n];
        Long[] subjects = new Long[n];
        String[] properties = new String[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            Envelope e = events.get(i);
            ws[i] = e.workspaceId();
            occurred[i] = Instants.utc(e.occurredAt());
            received[i] = Instants.utc(e.receivedAt());
            messageIds[i] = e.messageId();
            names[i] = e.name();
            kinds[i] = e.subject().kind().column();
            subjects[i] = subjectIds.get(i);
            properties[i] = e.propertiesJson();
            sources[i] = e.source();
        }
        return Tuple.tuple(List.of(ws, occurred, received, messageIds, names, kinds, subjects, properties, sources, workflowCutoff));
    }

    private static String dedupKey(long workspaceId, String messageId) {
        return workspaceId + "\u0000" + messageId;
    }
}
