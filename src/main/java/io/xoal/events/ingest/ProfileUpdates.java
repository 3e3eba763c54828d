package io.xoal.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Applies the traits of identify and group messages inside a flush: customer traits onto the
 * customer, company traits onto the company, and the customer–company link. Several messages for
 * one profile in a flush are folded in event-time order first, so the latest value of a trait wins
 * and each profile is updated once.
 */
final class ProfileUpdates {

    /** A custom attribute sent as null is removed; the others are merged key by key. */
    private static final String MERGED_ATTRIBUTES =
            "(p.attributes || coalesce(v.t->'attributes', '{}')) - ARRAY(SELECT key FROM jsonb_each(coalesce(v.t->'attributes', '{}')) WHERE value = 'null')";

    private static final String CUSTOMERS = """
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
            FROM (SELECT u, t::jsonb AS t FROM unnest($1::bigint[], $2::text[]) AS x(u, t)) v
            WHERE p.usid = v.u""".formatted(MERGED_ATTRIBUTES);

    private static final String COMPANIES = """
            UPDATE companies p SET
              name = coalesce(v.t->>'name', p.name),
              attributes = %s
            FROM (SELECT u, t::jsonb AS t FROM unnest($1::bigint[], $2::text[]) AS x(u, t)) v
            WHERE p.id = v.u""".formatted(MERGED_ATTRIBUTES);

    private static final String MEMBERSHIPS = """
            INSERT INTO customer_companies (workspace_id, usid, company_id)
            SELECT DISTINCT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) ORDER BY 3, 2
            ON CONFLICT DO NOTHING""";

    private final ObjectMapper mapper;

    ProfileUpdates(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param subjectIds the row id of each message's subject
     * @param companyIds the row id of each message's group company (0 when it has none)
     */
    Uni<Void> apply(SqlConnection conn, List<Envelope> messages, long[] subjectIds, long[] companyIds) {
        List<Integer> byTime = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            byTime.add(i);
        }
        byTime.sort(Comparator.comparing(i -> messages.get(i).occurredAt()));
        Map<Long, ObjectNode> customers = new TreeMap<>();
        Map<Long, ObjectNode> companies = new TreeMap<>();
        List<long[]> memberships = new ArrayList<>();
        for (int i : byTime) {
            ProfileChange change = messages.get(i).changes();
            fold(customers, subjectIds[i], change.customerTraits());
            if (change.companyId() != null) {
                fold(companies, companyIds[i], change.companyTraits());
                memberships.add(new long[]{messages.get(i).workspaceId(), subjectIds[i], companyIds[i]});
            }
        }
        return update(conn, CUSTOMERS, customers)
                .chain(() -> update(conn, COMPANIES, companies))
                .chain(() -> link(conn, memberships));
    }

    private void fold(Map<Long, ObjectNode> into, long id, String traits) {
        if (traits == null) {
            return;
        }
        ObjectNode next = read(traits);
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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

    private static Uni<Void> link(SqlConnection conn, List<long[]> memberships) {
        if (memberships.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Function<Integer, Long[]> column = c -> memberships.stream().map(m -> m[c]).toArray(Long[]::new);
        return conn.preparedQuery(MEMBERSHIPS)
                .execute(Tuple.of(column.apply(0), column.apply(1), column.apply(2)))
                .replaceWithVoid();
    }
}
