package io.xoal.events.segment.ledger;

import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.xoal.events.common.TestWorkspace.unique;

/**
 * A segment whose ledger a test writes directly (JDBC), one statement per customer, and the
 * brute-force answers over that same ledger: a customer's state at T is their last transition at
 * or before T, by (at, id).
 */
final class LedgerFixture implements AutoCloseable {

    /** Hour-aligned, so that ticks of 30 minutes fall on bucket edges too. */
    static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration TICK = Duration.ofMinutes(30);

    private static final String LAST = """
            SELECT usid FROM (SELECT DISTINCT ON (usid) usid, entered FROM segment_transitions
              WHERE segment_id = ? AND at <= ? ORDER BY usid, at DESC, id DESC) x WHERE entered ORDER BY usid DESC""";

    private static final String SIZES = """
            SELECT (SELECT count(*) FROM (SELECT DISTINCT ON (usid) entered FROM segment_transitions
                      WHERE segment_id = ? AND at <= p ORDER BY usid, at DESC, id DESC) x WHERE entered)
            FROM generate_series(?::timestamptz, ?::timestamptz, ?::interval) p ORDER BY p""";

    final TestWorkspace ws;
    final long segment;
    private final Connection db;

    LedgerFixture(TestWorkspace ws) throws SQLException {
        this.ws = ws;
        this.db = TestDatabase.connect();
        this.segment = ws.admin().body(Map.of("name", unique("ledger"), "status", "paused",
                        "definition", Map.of("performed", Map.of("event", "never-sent"))))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A new customer of the workspace; its usid. */
    long customer(String externalId) {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO customers (workspace_id, external_id, created_at, added_via) VALUES (?, ?, now(), 'api') RETURNING usid")) {
            s.setLong(1, ws.id());
            s.setString(2, externalId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a customer's transitions in ONE statement, alternating enter / leave from {@code firstEntered}, ids in order. */
    void transitions(long usid, boolean firstEntered, Instant... ats) {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause) "
                        + "SELECT ?, ?, ?, x.entered, x.at, 'test' FROM unnest(?::boolean[], ?::timestamptz[]) WITH ORDINALITY AS x(entered, at, n) ORDER BY n")) {
            Boolean[] entered = new Boolean[ats.length];
            Timestamp[] at = new Timestamp[ats.length];
            for (int i = 0; i < ats.length; i++) {
                entered[i] = (i % 2 == 0) == firstEntered;
                at[i] = Timestamp.from(ats[i]);
            }
            s.setLong(1, ws.id());
            s.setLong(2, segment);
            s.setLong(3, usid);
            s.setArray(4, db.createArrayOf("boolean", entered));
            s.setArray(5, db.createArrayOf("timestamptz", at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code customers} customers with 1-6 transitions each on the 30-minute ticks of 3 days, several
     * of them often at one instant (a leave and a re-entry at the same tick, or both of one customer).
     */
    void random(int customers, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < customers; i++) {
            long usid = customer(unique("c" + i));
            int n = 1 + random.nextInt(6);
            Instant[] ats = new Instant[n];
            int tick = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                tick += random.nextInt(4) == 0 ? 0 : random.nextInt(30);
                ats[k] = BASE.plus(TICK.multipliedBy(tick));
            }
            transitions(usid, true, ats);
        }
    }

    /** The members at {@code at}, usid descending, by brute force. */
    List<Long> membersAt(Instant at) {
        return longs(LAST, segment, Timestamp.from(at));
    }

    /** The size at from, from + step, … up to {@code to}, by brute force. */
    List<Long> sizes(Instant from, Instant to, String step) {
        return longs(SIZES, segment, Timestamp.from(from), Timestamp.from(to), step);
    }

    private List<Long> longs(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
