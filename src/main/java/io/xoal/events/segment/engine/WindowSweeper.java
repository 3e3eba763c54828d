package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.segment.definition.CustomerColumns;
import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.Node;
import io.xoal.events.segment.definition.Op;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * Applies what time alone changes: for a segment with windows (or dates) relative to now, the
 * customers whose state can have changed between the last sweep (T0) and now (T1) are exactly
 * those with a boundary crossing in between — an event of a window's name that left it
 * (occurred in [T0 − W, T1 − W)) or entered it from the future, a history that came to cover the
 * window (created in (T0 − W, T1 − W]), a date attribute that crossed now − D. Only they are
 * re-evaluated, with the cause "window lapsed". A segment whose lock is held, or whose sweep
 * failed, is left for the next run; one that failed too often is skipped ({@link SegmentIsolation}).
 */
@ApplicationScoped
public class WindowSweeper {

    private static final String NEXT = "SELECT id FROM segments WHERE status = 'active' AND time_relative AND refresh_state = 'done'"
            + " AND swept_until < $1 AND id <> ALL($2) AND NOT " + SegmentIsolation.SKIPPED + " ORDER BY swept_until, id LIMIT 1";

    /** Re-read under the segment's lock: another replica may have swept it meanwhile. */
    private static final String DUE = """
            SELECT id, workspace_id, version, definition::text AS definition, swept_until FROM segments
            WHERE id = $1 AND status = 'active' AND refresh_state = 'done' AND swept_until < $2""";

    private static final String DONE = "UPDATE segments SET swept_until = $2 WHERE id = $1";

    private final Pool pool;
    private final SegmentIsolation isolation;
    private final SegmentEvaluator evaluator;
    private final Clock clock;

    public WindowSweeper(Pool pool, SegmentIsolation isolation, SegmentEvaluator evaluator, Clock clock) {
        this.pool = pool;
        this.isolation = isolation;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** Sweeps every segment not swept in the last {@code minGap}; returns how many it swept. */
    public Uni<Integer> sweepDue(Duration minGap) {
        return sweepUntilNone(clock.instant().minus(minGap), new ArrayList<>());
    }

    /** {@code passed}: segments whose lock another evaluation held, or whose sweep failed; they are left for the next run. */
    private Uni<Integer> sweepUntilNone(Instant dueBefore, List<Long> passed) {
        return pool.preparedQuery(NEXT).execute(Tuple.of(utc(dueBefore), passed.toArray(Long[]::new))).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(0);
            }
            long id = rows.iterator().next().getLong("id");
            return sweepOne(id, dueBefore).chain(swept -> {
                if (!swept) {
                    passed.add(id);
                }
                return sweepUntilNone(dueBefore, passed).map(n -> swept ? n + 1 : n);
            });
        });
    }

    /**
     * Sweeps one segment under its advisory lock, taken first (before any row lock, as every
     * evaluation does, so that sweeps, recomputes and event-driven work never deadlock), up to the
     * clock's now at that moment (a run's start would make events that arrived since look
     * future-dated), in a savepoint with a time limit ({@link SegmentIsolation}).
     */
    private Uni<Boolean> sweepOne(long id, Instant dueBefore) {
        SegmentIsolation.Outcomes outcomes = new SegmentIsolation.Outcomes();
        return SegmentIsolation.transaction(pool, conn -> evaluator.tryLock(conn, id).chain(locked -> !locked
                ? Uni.createFrom().item(false)
                : conn.preparedQuery(DUE).execute(Tuple.of(id, utc(dueBefore))).chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(true);
                    }
                    Row row = rows.iterator().next();
                    LiveSegment segment = isolation.parsed(row, outcomes);
                    Instant from = row.getOffsetDateTime("swept_until").toInstant();
                    Instant now = clock.instant();
                    Uni<Boolean> swept = segment == null ? Uni.createFrom().item(false)
                            : isolation.run(conn, segment, outcomes, false, () -> crossings(conn, segment, from, now)
                                    .chain(usids -> usids.length == 0 ? Uni.createFrom().voidItem()
                                            : evaluator.candidates(conn, segment, usids, causes(usids.length), now).replaceWithVoid()));
                    return swept.call(ok -> isolation.record(conn, outcomes).chain(() -> ok
                            ? conn.preparedQuery(DONE).execute(Tuple.of(id, utc(now))).replaceWithVoid()
                            : Uni.createFrom().voidItem()));
                })));
    }

    /** The customers with a boundary crossing in [t0, t1). */
    private Uni<Long[]> crossings(SqlConnection conn, LiveSegment segment, Instant t0, Instant t1) {
        SqlParams params = new SqlParams();
        String ws = params.add(segment.workspaceId(), "bigint");
        List<String> parts = new ArrayList<>();
        DefinitionFacts facts = segment.facts();
        for (DefinitionFacts.Lapse lapse : facts.lapses()) {
            String name = params.add(lapse.event(), "text");
            String events = "SELECT subject_id FROM events WHERE workspace_id = " + ws + " AND name = " + name
                    + " AND subject_kind = 'customer' AND occurred_at >= %s AND occurred_at < %s";
            parts.add(events.formatted(params.add(utc(t0.minus(lapse.length())), "timestamptz"),
                    params.add(utc(t1.minus(lapse.length())), "timestamptz")));
            parts.add(events.formatted(params.add(utc(t0), "timestamptz"), params.add(utc(t1), "timestamptz")));
            parts.add("SELECT usid FROM customers WHERE workspace_id = " + ws
                    + " AND history_from > " + params.add(utc(t0.minus(lapse.length())), "timestamptz")
                    + " AND history_from <= " + params.add(utc(t1.minus(lapse.length())), "timestamptz"));
        }
        for (Node.Attribute date : facts.relativeDates()) {
            CustomerColumns.Column column = CustomerColumns.builtIn(date.name());
            String value = column != null ? column.sql()
                    : FilterSql.date("attributes #>> " + params.add(date.filter().path().toArray(String[]::new), "text[]"));
            crossed(date.filter(), t0, t1).forEach(span -> parts.add("SELECT usid FROM customers WHERE workspace_id = " + ws
                    + " AND " + value + " >= " + params.add(utc(span[0]), "timestamptz") + " AND " + value + " < "
                    + params.add(utc(span[1]), "timestamptz")));
        }
        for (DefinitionFacts.PropertyDate date : facts.propertyDates()) {
            // Only events that the condition's window can still count (a bounded scan when it has one).
            Instant from = date.window().start(t0);
            Instant to = date.window().end(t1);
            String events = "SELECT subject_id FROM events WHERE workspace_id = " + ws + " AND name = "
                    + params.add(date.event(), "text") + " AND subject_kind = 'customer'"
                    + (from == null ? "" : " AND occurred_at >= " + params.add(utc(from), "timestamptz"))
                    + (to == null ? "" : " AND occurred_at < " + params.add(utc(to), "timestamptz"));
            String value = FilterSql.date("properties #>> " + params.add(date.filter().path().toArray(String[]::new), "text[]"));
            crossed(date.filter(), t0, t1).forEach(span -> parts.add(events + " AND " + value + " >= "
                    + params.add(utc(span[0]), "timestamptz") + " AND " + value + " < " + params.add(utc(span[1]), "timestamptz")));
        }
        if (parts.isEmpty()) {
            return Uni.createFrom().item(new Long[0]);
        }
        String sql = "SELECT coalesce(array_agg(DISTINCT u), '{}') AS usids FROM (" + String.join(" UNION ALL ", parts) + ") x(u)";
        return conn.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getArrayOfLongs("usids"));
    }

    /** The spans in which a date crossed a relative filter's bounds between t0 and t1: now − D, and now itself. */
    private static List<Instant[]> crossed(Node.Filter filter, Instant t0, Instant t1) {
        Duration length = (Duration) filter.value();
        List<Instant[]> spans = new ArrayList<>();
        spans.add(new Instant[]{t0.minus(length), t1.minus(length)});
        if (filter.op() == Op.LESS_THAN_AGO) {
            spans.add(new Instant[]{t0, t1});
        }
        return spans;
    }

    private static String[] causes(int n) {
        String[] causes = new String[n];
        Arrays.fill(causes, "window lapsed");
        return causes;
    }

}
