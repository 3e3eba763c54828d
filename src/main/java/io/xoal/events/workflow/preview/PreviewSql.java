package io.xoal.events.workflow.preview;

import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.definition.WorkflowDefinition.Edge;
import io.xoal.events.workflow.definition.WorkflowDefinition.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dry run as ONE read-only statement: the trigger's runs ({@code keyed}), the first {@code cap}
 * of them with their first goal event ({@code runs}), then per step, in an order where every edge
 * but a loop's goes forward, the runs that reach it ({@code s_i}) and the edge each takes
 * ({@code o_i}); a loop's edge is counted but not followed (a run is followed once round).
 * The answer rows: {@code enrolled}, {@code sample}, {@code step} and {@code edge}.
 */
final class PreviewSql {

    /** The statement, its parameters, the steps in their order (the row's {@code step} is an index of it) and the loop edges. */
    record Compiled(String sql, SqlParams params, List<Step> order, Set<String> loops) {

        /** Whether the edge {@code field} of {@code step} closes a loop. */
        boolean loop(Step step, String field) {
            return loops.contains(step.id() + "/" + field);
        }
    }

    private static final String COLUMNS = "k, subject_id, props, goal_at";
    private static final int SAMPLE = 20;

    private PreviewSql() {
    }

    static Compiled compile(WorkflowDefinition definition, EnrolmentSource source, long workspaceId, PreviewWindow window,
                            Instant now, int cap) {
        SqlParams params = new SqlParams();
        String ws = params.add(workspaceId, "bigint");
        List<Step> order = order(definition);
        Map<String, Integer> position = new HashMap<>();
        order.forEach(step -> position.put(step.id(), position.size()));
        StringBuilder sql = new StringBuilder("WITH keyed AS MATERIALIZED (").append(source.runs(params, ws, window, now)).append("),\n")
                .append("runs AS MATERIALIZED (SELECT r.k, r.subject_id, r.props, r.trig_at")
                .append(definition.goal() == null ? ", NULL::timestamptz AS goal_at" : ", g.at AS goal_at")
                .append(" FROM (SELECT * FROM keyed ORDER BY trig_at, id LIMIT ").append(params.add(cap, "int")).append(") r")
                .append(goalJoin(definition.goal(), params, ws, now)).append(")");
        Map<Integer, List<String>> incoming = new HashMap<>();
        incoming.put(0, new ArrayList<>(List.of("SELECT " + COLUMNS + ", trig_at, true, false FROM runs")));
        Set<String> loops = new HashSet<>();
        StepOutcomes outcomes = new StepOutcomes(params, workspaceId, now);
        String goalMayCome = definition.goal() == null ? "false"
                : "(at IS NULL OR at > " + params.add(Instants.utc(now), "timestamptz") + ")";
        for (int i = 0; i < order.size(); i++) {
            Step step = order.get(i);
            List<String> in = incoming.getOrDefault(i, List.of("SELECT " + COLUMNS + ", trig_at, true, false FROM runs WHERE false"));
            sql.append(",\ns_").append(i).append(" AS (SELECT ").append(COLUMNS).append(", at, sure AND NOT ").append(goalMayCome)
                    .append(" AS sure, est, coalesce(goal_at < at, false) AS x FROM (").append(String.join(" UNION ALL ", in))
                    .append(") a(").append(COLUMNS).append(", at, sure, est))");
            StepOutcomes.Outcome o = outcomes.of(step);
            sql.append(",\no_").append(i).append(" AS (SELECT s.k, s.subject_id, s.props, s.goal_at, (").append(o.edge())
                    .append(")::text AS edge, (").append(o.nextAt()).append(")::timestamptz AS nat, ").append(o.sure())
                    .append(" AS nsure, ").append(o.estimated()).append(" AS nest FROM s_").append(i).append(" s ")
                    .append(o.join() == null ? "" : o.join()).append(" WHERE NOT s.x)");
            for (Edge edge : step.edges()) {
                int target = position.get(edge.target());
                if (target <= i) {
                    loops.add(step.id() + "/" + edge.field());
                } else {
                    incoming.computeIfAbsent(target, t -> new ArrayList<>()).add("SELECT " + COLUMNS + ", nat, nsure, nest FROM o_" + i
                            + " WHERE edge = '" + edge.field() + "'");
                }
            }
        }
        sql.append("\nSELECT 'enrolled'::text AS kind, NULL::int AS step, NULL::text AS label, count(*) AS a,")
                .append(" count(DISTINCT subject_id) AS b, (SELECT count(*) FROM runs) AS c, false AS flag FROM keyed")
                .append("\nUNION ALL SELECT 'sample', NULL, c.external_id, x.n, 0, 0, false FROM (SELECT subject_id,")
                .append(" row_number() OVER (ORDER BY max(trig_at) DESC, subject_id) AS n FROM keyed GROUP BY subject_id ORDER BY n LIMIT ")
                .append(SAMPLE).append(") x JOIN customers c ON c.workspace_id = ").append(ws).append(" AND c.usid = x.subject_id");
        for (int i = 0; i < order.size(); i++) {
            sql.append("\nUNION ALL SELECT 'step', ").append(i).append(", NULL, count(*) FILTER (WHERE NOT x AND sure),")
                    .append(" count(*) FILTER (WHERE NOT x AND NOT sure), count(*) FILTER (WHERE x), coalesce(bool_or(est), false) FROM s_")
                    .append(i)
                    .append("\nUNION ALL SELECT 'edge', ").append(i).append(", edge, count(*) FILTER (WHERE nsure),")
                    .append(" count(*) FILTER (WHERE NOT nsure), 0, coalesce(bool_or(nest), false) FROM o_").append(i)
                    .append(" GROUP BY edge");
        }
        return new Compiled(sql.toString(), params, order, loops);
    }

    /** The first goal event of the run's customer after it entered, up to now. */
    private static String goalJoin(WorkflowDefinition.Goal goal, SqlParams params, String ws, Instant now) {
        if (goal == null) {
            return "";
        }
        return " LEFT JOIN LATERAL (SELECT min(ge.occurred_at) AS at FROM events ge WHERE ge.workspace_id = " + ws
                + " AND ge.subject_kind = 'customer' AND ge.subject_id = r.subject_id AND ge.name = " + params.add(goal.event(), "text")
                + " AND ge.occurred_at > r.trig_at AND ge.occurred_at <= " + params.add(Instants.utc(now), "timestamptz")
                + " AND " + new FilterSql(params, now).allOf(goal.where(), "ge.properties") + ") g ON true";
    }

    /** The steps in reverse post-order of a depth-first walk from the first: every edge that is not a loop's points forward. */
    private static List<Step> order(WorkflowDefinition definition) {
        List<Step> post = new ArrayList<>();
        visit(definition, definition.step(definition.firstStep()), new HashSet<>(), post);
        Collections.reverse(post);
        return post;
    }

    private static void visit(WorkflowDefinition definition, Step step, Set<String> seen, List<Step> post) {
        if (!seen.add(step.id())) {
            return;
        }
        for (Edge edge : step.edges()) {
            visit(definition, definition.step(edge.target()), seen, post);
        }
        post.add(step);
    }
}
