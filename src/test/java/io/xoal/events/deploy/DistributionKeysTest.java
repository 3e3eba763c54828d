package io.xoal.events.deploy;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema as Flyway left it can be distributed by {@code workspace_id} on Citus (docs/scaling.md,
 * "The Citus path"): every table but the reference tables has the column, every primary key, unique
 * constraint, exclusion constraint and unique index of such a table includes it, and every foreign
 * key either points at a reference table or pairs {@code workspace_id} with {@code workspace_id}.
 * A reference table references only reference tables.
 */
@QuarkusTest
class DistributionKeysTest {

    /** Small global tables, copied to every node (docs/scaling.md, "Table by table"). */
    static final List<String> REFERENCE = List.of("workspaces", "api_keys", "integrations", "message_id_generations",
            "dashboard_sessions");

    /** Flyway's own table stays on the coordinator. */
    static final List<String> LOCAL = List.of("flyway_schema_history");

    private static final String TABLES = """
            WITH rel AS (
              SELECT c.oid, c.relname, c.relname = ANY(?) AS reference,
                     (SELECT a.attnum FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped) AS ws
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> ALL(?))
            """;

    /** Each key that breaks the rules, as "table.name definition". */
    private static final String VIOLATIONS = TABLES + """
            SELECT r.relname || ' has no workspace_id column' FROM rel r WHERE NOT r.reference AND r.ws IS NULL
            UNION ALL
            SELECT r.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
            FROM pg_constraint k JOIN rel r ON r.oid = k.conrelid LEFT JOIN rel f ON f.oid = k.confrelid
            WHERE CASE WHEN k.contype <> 'f' THEN NOT r.reference AND NOT coalesce(r.ws = ANY(k.conkey), false)
                       WHEN r.reference THEN NOT coalesce(f.reference, false)
                       ELSE NOT coalesce(f.reference, false) AND NOT EXISTS (
                         SELECT 1 FROM unnest(k.conkey, k.confkey) AS p(a, b) WHERE p.a = r.ws AND p.b = f.ws) END
              AND k.contype IN ('p', 'u', 'x', 'f')
            UNION ALL
            SELECT r.relname || '.' || x.relname || ' ' || pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN rel r ON r.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
            WHERE i.indisunique AND NOT r.reference
              AND NOT coalesce(r.ws = ANY((i.indkey::int2[])[0:i.indnkeyatts - 1]), false)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))""";

    @Test
    void everyKeyOfADistributedTableIncludesWorkspaceId() throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            List<String> violations = violations(db);
            assertTrue(violations.isEmpty(), "keys that cannot be distributed by workspace_id:\n" + String.join("\n", violations));
        }
    }

    @Test
    void referenceTablesExistAndDistributedOnesAreChecked() throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            List<String> reference = strings(db, TABLES + "SELECT relname FROM rel WHERE reference ORDER BY 1");
            assertEquals(REFERENCE.stream().sorted().toList(), reference);
            List<String> distributed = strings(db, TABLES + "SELECT relname FROM rel WHERE NOT reference ORDER BY 1");
            assertTrue(distributed.containsAll(List.of("customers", "segments", "segment_members", "segment_transitions",
                    "segment_size_hourly", "events", "message_ids")), distributed.toString());
        }
    }

    @Test
    void reportsEachKeyWithoutWorkspaceIdByName() throws SQLException {
        try (Connection db = TestDatabase.begin()) {
            db.createStatement().execute("""
                    CREATE TABLE distribution_probe (id bigint PRIMARY KEY, workspace_id bigint, usid bigint);
                    CREATE UNIQUE INDEX distribution_probe_usid ON distribution_probe (usid) INCLUDE (workspace_id);
                    CREATE TABLE distribution_probe_child (probe_id bigint REFERENCES distribution_probe (id))""");
            assertEquals(List.of(
                            "distribution_probe.distribution_probe_pkey PRIMARY KEY (id)",
                            "distribution_probe.distribution_probe_usid CREATE UNIQUE INDEX distribution_probe_usid"
                                    + " ON public.distribution_probe USING btree (usid) INCLUDE (workspace_id)",
                            "distribution_probe_child has no workspace_id column",
                            "distribution_probe_child.distribution_probe_child_probe_id_fkey FOREIGN KEY (probe_id)"
                                    + " REFERENCES distribution_probe(id)"),
                    violations(db).stream().filter(v -> v.startsWith("distribution_probe")).toList());
            db.rollback();
        }
    }

    private static List<String> violations(Connection db) throws SQLException {
        return strings(db, VIOLATIONS).stream().sorted().toList();
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", REFERENCE.toArray()));
            statement.setArray(2, db.createArrayOf("text", LOCAL.toArray()));
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }
}
