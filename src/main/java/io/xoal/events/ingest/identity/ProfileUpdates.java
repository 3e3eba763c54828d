package io.xoal.events.ingest.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies traits and relations inside a flush: traits onto the customer, company or object they
 * describe, and customer–company / customer–object relations. Several messages for one profile in
 * a flush are folded in event-time order first, so the latest value of a trait wins and each
 * profile is updated once.
 */
public final class ProfileUpdates {

    /** A custom attribute sent as null is removed; the others are merged key by key. */
    private static final String MERGED_ATTRIBUTES =
            "(p.attributes || coalesce(v.t->'attributes', '{}')) - ARRAY(SELECT key FROM jsonb_each(coalesce(v.t->'attributes', '{}')) WHERE value = 'null')";
    private static final String VALUES = "(SELECT u, t::jsonb AS t FROM unnest($1::bigint[], $2::text[]) AS x(u, t)) v";

    private static final Map<Subject.Kind, String> UPDATES = Map.of(
            Subject.Kind.CUSTOMER, """
                    UPDATE customers p SET
                      email = CASE WHEN p.external_id IS NULL THEN p.email ELSE coalesce(v.t->>'email', p.email) END,
                      contact_type = CASE WHEN p.contact_type = 'unidentified' AND v.t ? 'email' THEN 'lead' ELSE p.contact_type END,
                      first_name = coalesce(v.t->>'first_name', p.first_name),
                      last_name = coalesce(v.t->>'last_name', p.last_name),
                      phone = coalesce(v.t->>'phone', p.phone),
                      language = coalesce(v.t->>'language', p.language),
                      timezone = coalesce(v.t->>'timezone', p.timezone),
                      joined_date = coalesce((v.t->>'joined_date')::timestamptz, p.joined_date),
                      attributes = %s
                    FROM %s WHERE p.usid = v.u""".formatted(MERGED_ATTRIBUTES, VALUES),
            Subject.Kind.COMPANY, """
                    UPDATE companies p SET name = coalesce(v.t->>'name', p.name), attributes = %s
                    FROM %s WHERE p.id = v.u""".formatted(MERGED_ATTRIBUTES, VALUES),
            Subject.Kind.OBJECT, """
                    UPDATE custom_objects p SET attributes = %s
                    FROM %s WHERE p.id = v.u""".formatted(MERGED_ATTRIBUTES, VALUES));

    private static final String PAIRS = "SELECT DISTINCT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS r(w, u, o)";
    private static final Map<Subject.Kind, String> LINKS = Map.of(
            Subject.Kind.COMPANY, "INSERT INTO customer_companies (workspace_id, usid, company_id) %s ORDER BY 3, 2 ON CONFLICT DO NOTHING".formatted(PAIRS),
            Subject.Kind.OBJECT, "INSERT INTO customer_objects (workspace_id, usid, object_id) %s ORDER BY 3, 2 ON CONFLICT DO NOTHING".formatted(PAIRS));
    private static final Map<Subject.Kind, String> UNLINKS = Map.of(
            Subject.Kind.COMPANY, "DELETE FROM customer_companies x USING (%s) r WHERE x.company_id = r.o AND x.usid = r.u".formatted(PAIRS),
            Subject.Kind.OBJECT, "DELETE FROM customer_objects x USING (%s) r WHERE x.object_id = r.o AND x.usid = r.u".formatted(PAIRS));

    private final ObjectMapper mapper;

    public ProfileUpdates(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param subjectIds  the row id of each message's subject
     * @param relationIds the row ids of each message's relations, in their order
     */
    public Uni<Void> apply(SqlConnection conn, List<Envelope> messages, long[] subjectIds, long[][] relationIds) {
        List<Integer> byTime = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            byTime.add(i);
        }
        byTime.sort(Comparator.comparing(i -> messages.get(i).occurredAt()));
        Map<Subject.Kind, Map<Long, ObjectNode>> traits = new EnumMap<>(Subject.Kind.class);
        Map<Subject.Kind, List<long[]>> links = new EnumMap<>(Subject.Kind.class);
        Map<Subject.Kind, List<long[]>> unlinks = new EnumMap<>(Subject.Kind.class);
        for (int i : byTime) {
            Envelope message = messages.get(i);
            ProfileChange change = message.changes();
            fold(traits, message.subject().kind(), subjectIds[i], change.traits());
            for (int r = 0; r < change.relations().size(); r++) {
                Subject relation = change.relations().get(r);
                fold(traits, relation.kind(), relationIds[i][r], change.relationTraits());
                pair(change.unlink() ? unlinks : links, message, subjectIds[i], relation, relationIds[i][r]);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Subject.Kind kind : Subject.Kind.values()) {
            chain = chain.chain(() -> update(conn, UPDATES.get(kind), traits.getOrDefault(kind, Map.of())));
        }
        for (Subject.Kind kind : List.of(Subject.Kind.COMPANY, Subject.Kind.OBJECT)) {
            chain = chain.chain(() -> link(conn, LINKS.get(kind), links.getOrDefault(kind, List.of())))
                    .chain(() -> link(conn, UNLINKS.get(kind), unlinks.getOrDefault(kind, List.of())));
        }
        return chain;
    }

    /** Records (workspace, customer, company or object) whichever side the customer is on. */
    private static void pair(Map<Subject.Kind, List<long[]>> into, Envelope message, long subjectId, Subject relation, long relationId) {
        boolean customerFirst = message.subject().kind() == Subject.Kind.CUSTOMER;
        Subject.Kind other = customerFirst ? relation.kind() : message.subject().kind();
        if (other == Subject.Kind.CUSTOMER || (!customerFirst && relation.kind() != Subject.Kind.CUSTOMER)) {
            return;
        }
        into.computeIfAbsent(other, k -> new ArrayList<>()).add(customerFirst
                ? new long[]{message.workspaceId(), subjectId, relationId}
                : new long[]{message.workspaceId(), relationId, subjectId});
    }

    private void fold(Map<Subject.Kind, Map<Long, ObjectNode>> traits, Subject.Kind kind, long id, String json) {
        if (json == null) {
            return;
        }
        Map<Long, ObjectNode> into = traits.computeIfAbsent(kind, k -> new TreeMap<>());
        ObjectNode next = read(json);
        ObjectNode folded = into.get(id);
        if (folded == null) {
            into.put(id, next);
            return;
        }
        ObjectNode attributes = folded.has("attributes") ? (ObjectNode) folded.get("attributes") : folded.putObject("attributes");
        if (next.has("attributes")) {
            attributes.setAll((ObjectNode) next.remove("attributes"));
        }
        folded.setAll(next);
    }

    private ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Uni<Void> update(SqlConnection conn, String sql, Map<Long, ObjectNode> traits) {
        if (traits.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(sql)
                .execute(Tuple.of(traits.keySet().toArray(Long[]::new),
                        traits.values().stream().map(ObjectNode::toString).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Uni<Void> link(SqlConnection conn, String sql, List<long[]> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(sql)
                .execute(Tuple.of(pairs.stream().map(p -> p[0]).toArray(Long[]::new),
                        pairs.stream().map(p -> p[1]).toArray(Long[]::new),
                        pairs.stream().map(p -> p[2]).toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
