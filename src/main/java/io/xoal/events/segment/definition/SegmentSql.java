package io.xoal.events.segment.definition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.xoal.events.common.Instants.utc;

/**
 * Compiles a definition into set-based SQL that yields the matching customers ({@code matches}
 * CTE, one column {@code usid}). Every user-given string or number is a bind parameter.
 *
 * <p>"Performed" conditions become one aggregate CTE each. Without property filters, whole days
 * of the window are counted from the daily rollup and only the two partial days at its edges from
 * the events, which keeps a 30-day window cheap and exact. A condition that zero events satisfy
 * ("not performed", "at most 2") matches a customer only if their history covers the window:
 * {@code history_from <= window start}, the earliest of created_at, joined_date and the first
 * event (docs/segments.md, "history rule").
 *
 * <p>{@link #matchesAt} compiles the same definition as of a past instant (the backtest): the
 * customers who existed then, events before it only, memberships of other segments from the ledger.
 */
public final class SegmentSql {

    /** Which customers an evaluation looks at. */
    public sealed interface Scope {
        /** Every customer of the workspace. */
        record All() implements Scope {
        }

        /** Only these customers (event-driven evaluation); the array placeholder is already bound. */
        record Candidates(String usidsParam) implements Scope {
        }

        /** Customers with {@code lo <= usid <= hi} (a chunk of a full refresh). */
        record Range(long lo, long hi) implements Scope {
        }
    }

    private final SqlParams params;
    private final FilterSql filters;
    private final String workspace;
    private final Instant now;
    private final Scope scope;
    /** As of {@code now} in the past: no event at or after it counts, other segments are read from the ledger. */
    private final boolean past;
    private final List<String> ctes = new ArrayList<>();
    private final List<String> joins = new ArrayList<>();
    private String rangeLo;
    private String rangeHi;
    /** Whether the predicate reads customer columns (attributes, tags, created_at), not only usid. */
    private boolean readsCustomer;

    private SegmentSql(SqlParams params, long workspaceId, Instant now, Scope scope, boolean past) {
        this.params = params;
        this.filters = new FilterSql(params, now);
        this.workspace = params.add(workspaceId, "bigint");
        this.now = now;
        this.scope = scope;
        this.past = past;
        if (scope instanceof Scope.Range range) {
            rangeLo = params.add(range.lo(), "bigint");
            rangeHi = params.add(range.hi(), "bigint");
        }
    }

    /** {@code "p1 AS (...), ..., matches AS (SELECT c.usid ...)"}, to follow a {@code WITH}. */
    public static String matches(Node root, long workspaceId, Instant now, Scope scope, SqlParams params) {
        return new SegmentSql(params, workspaceId, now, scope, false).matches(root);
    }

    /**
     * The {@code matches} CTE of the customers the definition matched at {@code at}, from the data
     * stored now: customers whose history had begun by then ({@code history_from <= at}), with their
     * current attributes and tags; only events before {@code at} (every window ends there at the
     * latest); {@code in_segment} from the other segment's ledger (the last transition at or before it).
     */
    public static String matchesAt(Node root, long workspaceId, Instant at, SqlParams params) {
        return new SegmentSql(params, workspaceId, at, new Scope.All(), true).matches(root);
    }

    private String matches(Node root) {
        Part part = compile(root, false);
        StringBuilder out = new StringBuilder();
        ctes.forEach(cte -> out.append(cte).append(",\n"));
        boolean driven = part.driver() != null && !(scope instanceof Scope.Candidates);
        if (scope instanceof Scope.Candidates candidates && !readsCustomer) {
            // Only events and memberships decide: the candidates (all of this workspace) need no customer row.
            out.append("matches AS (SELECT c.usid FROM (SELECT unnest(").append(candidates.usidsParam()).append(") AS usid) c");
            joins.forEach(join -> out.append('\n').append(join));
            out.append("\nWHERE true");
        } else if (driven && !readsCustomer && !past) {
            // Only events and memberships decide, and the driver (distinct usids) holds every match: no
            // customer row is read here (the preview joins the customers, the diff enters only existing ones).
            out.append("matches AS (SELECT c.usid FROM (").append(part.driver()).append(") c");
            joins.forEach(join -> out.append('\n').append(join));
            out.append("\nWHERE true").append(scopeOn("c.usid"));
        } else {
            out.append("matches AS (SELECT c.usid FROM customers c");
            joins.forEach(join -> out.append('\n').append(join));
            out.append("\nWHERE c.workspace_id = ").append(workspace).append(scopeOn("c.usid"));
            if (past) {
                out.append("\n  AND c.history_from <= ").append(params.add(utc(now), "timestamptz"));
            }
            if (driven) {
                out.append("\n  AND c.usid IN (").append(part.driver()).append(')');
            }
        }
        out.append("\n  AND (").append(part.predicate()).append("))");
        return out.toString();
    }

    /** A predicate over customer {@code c}, and optionally a small set of usids that must contain every match. */
    private record Part(String predicate, String driver) {
    }

    private Part compile(Node node, boolean negated) {
        if (node instanceof Node.Not not) {
            return compile(not.child(), !negated);
        }
        if (node instanceof Node.And and) {
            return group(and.children(), negated ? " OR " : " AND ", negated);
        }
        if (node instanceof Node.Or or) {
            return group(or.children(), negated ? " AND " : " OR ", negated);
        }
        if (node instanceof Node.Performed performed) {
            return performed(performed, negated);
        }
        if (node instanceof Node.Attribute attribute) {
            return leaf(attribute(attribute), negated, null);
        }
        if (node instanceof Node.Tag tag) {
            String value = params.add(tag.tag(), "text");
            readsCustomer = true;
            return leaf(value + " = ANY(c.tags)", negated == tag.has(),
                    "SELECT usid FROM customers WHERE workspace_id = " + workspace + " AND tags @> ARRAY[" + value + "]");
        }
        String id = params.add(((Node.InSegment) node).segmentId(), "bigint");
        if (past) {
            return memberAt(id, negated);
        }
        return leaf("EXISTS (SELECT 1 FROM segment_members m WHERE m.workspace_id = " + workspace + " AND m.segment_id = " + id
                        + " AND m.usid = c.usid)",
                negated, "SELECT usid FROM segment_members WHERE workspace_id = " + workspace + " AND segment_id = " + id);
    }

    /**
     * Member of segment {@code id} at {@code now}: the customer's last transition at or before it
     * entered (as the ledger answers "was X in S at T"); driven by everyone who had entered by then.
     */
    private Part memberAt(String id, boolean negated) {
        String at = params.add(utc(now), "timestamptz");
        String ledger = " FROM segment_transitions t WHERE t.workspace_id = " + workspace + " AND t.segment_id = " + id
                + " AND t.at <= " + at;
        return leaf("(SELECT t.entered" + ledger + " AND t.usid = c.usid ORDER BY t.at DESC, t.id DESC LIMIT 1)",
                negated, "SELECT t.usid" + ledger + " AND t.entered");
    }

    private Part group(List<Node> children, String operator, boolean negated) {
        List<Part> parts = children.stream().map(child -> compile(child, negated)).toList();
        String predicate = parts.stream().map(Part::predicate).collect(Collectors.joining(operator, "(", ")"));
        String driver;
        if (operator.equals(" AND ")) {
            driver = parts.stream().map(Part::driver).filter(d -> d != null).findFirst().orElse(null);
        } else {
            driver = parts.stream().allMatch(p -> p.driver() != null)
                    ? parts.stream().map(Part::driver).collect(Collectors.joining(" UNION ")) : null;
        }
        return new Part(predicate, driver);
    }

    /** A leaf that is unknown (NULL) counts as false, so that its negation is true. */
    private static Part leaf(String predicate, boolean negated, String driver) {
        String known = "coalesce(" + predicate + ", false)";
        return negated ? new Part("NOT " + known, null) : new Part(known, driver);
    }

    private Part performed(Node.Performed performed, boolean negated) {
        String cte = "p" + (ctes.size() + 1);
        ctes.add(cte + " AS (" + counts(performed) + ")");
        joins.add("LEFT JOIN " + cte + " ON " + cte + ".usid = c.usid");
        Node.Count count = performed.count();
        String n = "coalesce(" + cte + ".n, 0)";
        String test = switch (count.op()) {
            case AT_LEAST -> n + " >= " + count.value();
            case AT_MOST -> n + " <= " + count.value();
            case EXACTLY -> n + " = " + count.value();
        };
        boolean zeroMatches = count.accepts(0) != negated;
        String predicate = negated ? "NOT (" + test + ")" : "(" + test + ")";
        Instant start = performed.window().start(now);
        if (zeroMatches && start != null) {
            readsCustomer = true;
            predicate = "(" + predicate + " AND c.history_from <= " + params.add(utc(start), "timestamptz") + ")";
        }
        return new Part(predicate, zeroMatches ? null : "SELECT usid FROM " + cte);
    }

    /** Per customer: how many of the condition's events fall in its window. */
    private String counts(Node.Performed performed) {
        String name = params.add(performed.event(), "text");
        Node.Window window = performed.window();
        Instant from = window.start(now);
        Instant to = window.end(now);
        if (past && (to == null || to.isAfter(now))) {
            to = now;
        }
        // Candidates (a few touched customers) are counted through events_customer_name_time; a
        // recompute reads the window of one event name as a range of events_name_time ("+ 0" keeps
        // the planner off the per-customer indexes there).
        String events = "FROM events e WHERE e.workspace_id = " + workspace + " AND e.name = " + name
                + " AND e.subject_kind = 'customer'"
                + scopeOn(scope instanceof Scope.Candidates ? "e.subject_id" : "(e.subject_id + 0)");
        String rollupWhere = " WHERE d.workspace_id = " + workspace + " AND d.subject_kind = 'customer'"
                + " AND d.name = " + name + scopeOn("d.subject_id");
        String rollup = "FROM subject_event_daily d" + rollupWhere;
        if (!performed.where().isEmpty()) {
            return "SELECT e.subject_id AS usid, count(*) AS n " + events + between("e.occurred_at", from, to)
                    + " AND " + filters.allOf(performed.where(), "e.properties") + " GROUP BY e.subject_id";
        }
        if (to == null) {
            return "SELECT d.subject_id AS usid, sum(d.event_count) AS n " + rollup + " GROUP BY d.subject_id";
        }
        LocalDate toDay = day(to);
        if (from != null && !day(from).plusDays(1).isBefore(toDay)) {
            return "SELECT e.subject_id AS usid, count(*) AS n " + events + between("e.occurred_at", from, to) + " GROUP BY e.subject_id";
        }
        // From the rollup: whole days inside the window, the first day's row when all its events are
        // inside, the last day's row when all its events are before the end. From the events: only
        // the first day of customers with events on both sides of the start (one past day of one
        // event name), and the last day of customers with events after the end (future-dated, or
        // after the instant a backtest looks at). A window without a start (ever, as of a past
        // instant) takes every day before the last.
        Instant lastDayStart = toDay.atStartOfDay().toInstant(ZoneOffset.UTC);
        String last = "(" + params.add(toDay.toString(), "text") + ")::date";
        String end = params.add(utc(to), "timestamptz");
        String lastEdge = " UNION ALL " + edgeDay(between("e.occurred_at", lastDayStart, to), rollupWhere, " AND d.day = " + last
                + " AND d.last_at >= " + end);
        if (from == null) {
            return "SELECT usid, sum(n) AS n FROM (SELECT d.subject_id AS usid, d.event_count AS n " + rollup + " AND d.day <= " + last
                    + " AND (d.day < " + last + " OR d.last_at < " + end + ")" + lastEdge + ") x GROUP BY usid";
        }
        LocalDate fromDay = day(from);
        Instant firstDayEnd = fromDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String first = "(" + params.add(fromDay.toString(), "text") + ")::date";
        String start = params.add(utc(from), "timestamptz");
        return "SELECT usid, sum(n) AS n FROM ("
                + "SELECT d.subject_id AS usid, d.event_count AS n " + rollup + " AND d.day >= " + first + " AND d.day <= " + last
                + " AND ((d.day > " + first + " AND d.day < " + last + ") OR (d.day = " + first + " AND d.first_at >= " + start
                + ") OR (d.day = " + last + " AND d.last_at < " + end + "))"
                + " UNION ALL " + edgeDay(between("e.occurred_at", from, firstDayEnd), rollupWhere, " AND d.day = " + first
                + " AND d.first_at < " + start + " AND d.last_at >= " + start)
                + lastEdge + ") x GROUP BY usid";
    }

    /**
     * The events of an edge day of the window inside it, for the customers whose rollup row of
     * that day {@code cut} selects: their rollup row drives (a lateral count, which the planner
     * cannot flatten into a join it may reorder), so a day is read only where the window's edge
     * cuts it, never to find out. Read from the events instead, today's edge was every event of
     * the name ingested today, for every candidate set and every recompute chunk.
     */
    private static String edgeDay(String window, String rollupWhere, String cut) {
        return "SELECT d.subject_id, x.n FROM subject_event_daily d CROSS JOIN LATERAL (SELECT count(*) AS n FROM events e"
                + " WHERE e.workspace_id = d.workspace_id AND e.name = d.name AND e.subject_kind = 'customer'"
                + " AND e.subject_id = d.subject_id" + window + ") x" + rollupWhere + cut;
    }

    private String between(String column, Instant from, Instant to) {
        return (from == null ? "" : " AND " + column + " >= " + params.add(utc(from), "timestamptz"))
                + (to == null ? "" : " AND " + column + " < " + params.add(utc(to), "timestamptz"));
    }

    private String attribute(Node.Attribute attribute) {
        readsCustomer = true;
        CustomerColumns.Column column = CustomerColumns.builtIn(attribute.name());
        if (column != null) {
            return filters.compare("c." + column.sql(), "c." + column.sql() + " IS NOT NULL", attribute.filter());
        }
        return filters.filter(attribute.filter(), "c.attributes");
    }

    private String scopeOn(String column) {
        if (scope instanceof Scope.Candidates candidates) {
            // A hashed semi-join: "= ANY(array)" would compare every row with the whole array.
            return " AND " + column + " IN (SELECT unnest(" + candidates.usidsParam() + "))";
        }
        return scope instanceof Scope.Range ? " AND " + column + " BETWEEN " + rangeLo + " AND " + rangeHi : "";
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

}
