package io.xoal.events.workflow.step;

import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;

import java.time.Instant;
import java.util.List;

/**
 * A random split by weights, decided by a hash of the run (workspace and id): the same run always
 * takes the same path, so a retried attempt cannot change its mind; across runs the paths are
 * taken in proportion to their weights.
 */
public final class SplitStep {

    private SplitStep() {
    }

    public static RunAdvance.Outcome outcome(ClaimedRun run, WorkflowDefinition.Step step, Instant now) {
        int path = path(((StepSettings.Split) step.settings()).weights(), run.workspaceId() * 0x9E3779B97F4A7C15L + run.id());
        return RunAdvance.Outcome.advance(step.edge("paths/" + path + "/next"), now, "split", "{\"path\": " + path + "}");
    }

    static int path(List<Integer> weights, long seed) {
        long total = weights.stream().mapToLong(Integer::longValue).sum();
        long bucket = Math.floorMod(mix(seed), total);
        for (int i = 0; i < weights.size(); i++) {
            bucket -= weights.get(i);
            if (bucket < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }

    /** SplitMix64's finaliser: neighbouring run ids land far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
