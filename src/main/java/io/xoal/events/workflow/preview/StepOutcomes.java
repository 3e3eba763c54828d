package io.xoal.events.workflow.preview;

import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SegmentSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition.Step;

import java.time.Instant;
import java.util.List;

/**
 * What one step does to the runs that reach it ({@code s}: k, subject_id, props, goal_at, at, sure,
 * est), as SQL: the edge each run takes ({@code edge}), when it gets to the next step ({@code nat},
 * NULL when the time cannot be told), whether that is known from stored data ({@code nsure}) and
 * whether a split estimated it ({@code nest}). Besides the step's own edges, {@code completed}
 * (an exit), {@code goal} (the goal came during a wait) and {@code unknown} (the outcome is in the future).
 */
final class StepOutcomes {

    /** The pieces of a step's {@code o_i} query; {@code join} is an optional lateral join after {@code s}. */
    record Outcome(String edge, String nextAt, String sure, String estimated, String join) {
    }

    /** How an edge's count is known: from stored data, by weights, if a send succeeds, by time passing. */
    static String basis(Step step, String edge) {
        return switch (edge) {
            case "completed" -> "exit";
            case "goal" -> "goal";
            case "unknown" -> "future";
            default -> switch (step.type()) {
                case SPLIT -> "estimated";
                case DELAY -> "time";
                case BRANCH, WAIT_FOR_EVENT, UPDATE, EXIT -> "stored";
                default -> "send";
            };
        };
    }

    private final SqlParams params;
    private final long workspaceId;
    private final Instant now;

    StepOutcomes(SqlParams params, long workspaceId, Instant now) {
        this.params = params;
        this.workspaceId = workspaceId;
        this.now = now;
    }

    // Each placeholder is added where it is used: PostgreSQL cannot type a parameter the statement never reads.
    Outcome of(Step step) {
        return switch (step.type()) {
            case EXIT -> new Outcome("'completed'", "s.at", "s.sure", "s.est", null);
            case UPDATE -> new Outcome("'next'", "s.at", "s.sure", "s.est", null);
            case DELAY -> new Outcome("'next'", delayEnd(step.settings()), "s.sure", "s.est", null);
            case BRANCH -> new Outcome(branch((StepSettings.Branch) step.settings()), "s.at", "s.sure", "s.est", null);
            case SPLIT -> new Outcome(split((StepSettings.Split) step.settings()), "s.at", "s.sure", "true", null);
            case WAIT_FOR_EVENT -> waitFor((StepSettings.WaitForEvent) step.settings());
            // A send (webhook, and any other step that talks to the outside): the run goes on only if it succeeds.
            default -> new Outcome("'next'", "s.at", "false", "s.est", null);
        };
    }

    private String delayEnd(StepSettings settings) {
        if (settings instanceof StepSettings.Delay delay) {
            return "s.at + " + params.add(delay.duration().toString(), "text") + "::interval";
        }
        if (settings instanceof StepSettings.DelayUntil until) {
            return "CASE WHEN s.at IS NOT NULL THEN greatest(s.at, " + params.add(Instants.utc(until.until()), "timestamptz") + ") END";
        }
        // Ends read from the customer's attributes or time zone are not simulated.
        return "NULL::timestamptz";
    }

    /** The first case whose condition holds now, as BranchStep evaluates it, else {@code default}. */
    private String branch(StepSettings.Branch branch) {
        StringBuilder sql = new StringBuilder("CASE");
        List<StepSettings.Condition> conditions = branch.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(" WHEN ").append(condition(conditions.get(i))).append(" THEN 'cases/").append(i).append("/next'");
        }
        return sql.append(" ELSE 'default' END").toString();
    }

    private String condition(StepSettings.Condition condition) {
        if (condition instanceof StepSettings.TriggerCondition trigger) {
            return "(" + new FilterSql(params, now).allOf(trigger.where(), "s.props") + ")";
        }
        // The runs' customers are the candidates: one evaluation for all of them, a hashed semi-join per run.
        SegmentSql.Scope scope = new SegmentSql.Scope.Candidates("(SELECT array_agg(DISTINCT subject_id) FROM runs)");
        return "s.subject_id IN (WITH " + SegmentSql.matches(((StepSettings.CustomerCondition) condition).node(), workspaceId, now, scope,
                params)
                + " SELECT usid FROM matches)";
    }

    /** A bucket of a hash of the enrolment key, by the weights: the same split as the engine's in proportion, not per run. */
    private String split(StepSettings.Split split) {
        int total = split.weights().stream().mapToInt(Integer::intValue).sum();
        String t = params.add(total, "int");
        String bucket = "((hashtext(s.k)::bigint % " + t + " + " + t + ") % " + t + ")";
        StringBuilder sql = new StringBuilder("CASE");
        int upTo = 0;
        for (int i = 0; i < split.weights().size() - 1; i++) {
            upTo += split.weights().get(i);
            sql.append(" WHEN ").append(bucket).append(" < ").append(params.add(upTo, "int"))
                    .append(" THEN 'paths/").append(i).append("/next'");
        }
        return sql.append(" ELSE 'paths/").append(split.weights().size() - 1).append("/next' END").toString();
    }

    /** The first matching stored event after the run got here and within the timeout; else the timeout, once it has passed. */
    private Outcome waitFor(StepSettings.WaitForEvent wait) {
        String timeout = params.add(wait.timeout().toString(), "text") + "::interval";
        String at = params.add(Instants.utc(now), "timestamptz");
        String match = "";
        if (wait.property() != null) {
            String property = params.add(wait.property(), "text");
            match = " AND jsonb_typeof(s.props -> " + property + ") <> 'null'"
                    + " AND e.properties -> " + property + " = s.props -> " + property;
        }
        String join = "LEFT JOIN LATERAL (SELECT min(e.occurred_at) AS m FROM events e"
                + " WHERE e.workspace_id = " + params.add(workspaceId, "bigint") + " AND e.subject_kind = 'customer'"
                + " AND e.subject_id = s.subject_id AND e.name = " + params.add(wait.event(), "text")
                + " AND e.occurred_at > s.at AND e.occurred_at <= least(s.at + " + timeout + ", " + at + ")" + match + ") w ON true";
        String edge = "CASE WHEN s.at IS NULL THEN 'unknown' WHEN w.m IS NOT NULL THEN 'next'"
                + " WHEN s.at + " + timeout + " <= " + at + " THEN 'timeout_next'"
                + " WHEN s.goal_at IS NOT NULL THEN 'goal' ELSE 'unknown' END";
        return new Outcome(edge, "coalesce(w.m, s.at + " + timeout + ")", "s.sure", "s.est", join);
    }
}
