package io.xoal.events.workflow.definition;

import io.xoal.events.error.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the shape of a step graph: every edge leads to a step, every step is reachable from the
 * first, and every loop passes a delay longer than zero (a loop without one would spin).
 */
final class StepGraph {

    private StepGraph() {
    }

    /** {@code pointers} maps each step id to its JSON pointer; errors are added to {@code errors}. */
    static void check(Map<String, WorkflowDefinition.Step> steps, Map<String, String> pointers, List<FieldError> errors) {
        int before = errors.size();
        steps.values().forEach(step -> {
            if (step.next() != null && !steps.containsKey(step.next())) {
                errors.add(new FieldError(pointers.get(step.id()) + "/next", "names no step: " + step.next()));
            }
        });
        if (errors.size() > before || steps.isEmpty()) {
            return;
        }
        // One edge per step: the reachable steps form a path from the first, perhaps ending in a loop.
        Map<String, Integer> path = new LinkedHashMap<>();
        String at = steps.keySet().iterator().next();
        while (at != null && !path.containsKey(at)) {
            path.put(at, path.size());
            at = steps.get(at).next();
        }
        if (at != null) {
            List<String> loop = new ArrayList<>(path.keySet()).subList(path.get(at), path.size());
            if (loop.stream().map(steps::get).noneMatch(StepGraph::waits)) {
                errors.add(new FieldError(pointers.get(at), "starts a loop without a delay: " + String.join(" -> ", loop)));
            }
        }
        steps.keySet().stream()
                .filter(id -> !path.containsKey(id))
                .forEach(id -> errors.add(new FieldError(pointers.get(id), "is unreachable from the first step")));
    }

    private static boolean waits(WorkflowDefinition.Step step) {
        return step.type() == WorkflowDefinition.StepType.DELAY && !step.duration().isZero();
    }
}
