package io.xoal.events.workflow.step;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SegmentSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * A branch: its cases are evaluated in SQL, in order, inside the fenced advance statement itself
 * (the {@code pick} CTE of {@link RunAdvance}), so the condition read, the move and the step-log
 * row are one statement. Customer conditions are compiled by the segment language
 * ({@link SegmentSql}) for this one customer; trigger conditions by {@link FilterSql} over the
 * run's trigger event.
 */
@ApplicationScoped
public class BranchStep {

    private final Pool pool;

    public BranchStep(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step, Instant now) {
        StepSettings.Branch branch = (StepSettings.Branch) step.settings();
        SqlParams params = new SqlParams();
        StringBuilder pick = new StringBuilder("CASE");
        for (int i = 0; i < branch.conditions().size(); i++) {
            pick.append("\n WHEN ").append(condition(branch.conditions().get(i), run, params, now))
                    .append(" THEN ").append(params.add(step.edge("cases/" + i + "/next"), "text"));
        }
        pick.append("\n ELSE ").append(params.add(step.edge("default"), "text")).append(" END");
        RunAdvance.Sql sql = new RunAdvance.Sql(params, pick.toString(), "jsonb_build_object('next', (SELECT next FROM pick))", null);
        return RunAdvance.apply(pool, run, RunAdvance.Outcome.advance(null, now, "branched", null), now, sql);
    }

    private static String condition(StepSettings.Condition condition, ClaimedRun run, SqlParams params, Instant now) {
        if (condition instanceof StepSettings.TriggerCondition trigger) {
            String properties = "(" + params.add(run.context(), "text") + "::jsonb -> 'properties')";
            return "(" + new FilterSql(params, now).allOf(trigger.where(), properties) + ")";
        }
        SegmentSql.Scope scope = new SegmentSql.Scope.Candidates(params.add(new Long[] {run.subjectId()}, "bigint[]"));
        String matches = SegmentSql.matches(((StepSettings.CustomerCondition) condition).node(), run.workspaceId(), now, scope, params);
        return "EXISTS (WITH " + matches + " SELECT 1 FROM matches)";
    }
}
