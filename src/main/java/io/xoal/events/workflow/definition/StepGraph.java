package io.xoal.events.workflow.definition;

import io.xoal.events.error.FieldError;
import io.xoal.events.workflow.definition.WorkflowDefinition.Edge;
import io.xoal.events.workflow.definition.WorkflowDefinition.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a step graph: every edge leads to a step, every step is reachable from the first, and
 * every cycle passes a step that waits (a delay of a positive duration or until a time of day, or a
 * wait for an event with a positive timeout) — a cycle without one would spin. With branches this
 * is a graph, not a path: every cycle counts, found by a depth-first search over the steps that do
 * not wait.
 */
final class StepGraph {

    private final Map<String, Step> steps;
    private final Map<String, String> pointers;
    private final List<FieldError> errors;
    private final Map<String, Integer> onStack = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> reported = new HashSet<>();

    private StepGraph(Map<String, Step> steps, Map<String, String> pointers, List<FieldError> errors) {
        this.steps = steps;
        this.pointers = pointers;
        this.errors = errors;
    }

    /** {@code pointers} maps each step id to its JSON pointer; errors are added to {@code errors}. */
    static void check(Map<String, Step> steps, Map<String, String> pointers, List<FieldError> errors) {
        int before = errors.size();
        steps.values().forEach(step -> step.edges().stream()
                .filter(edge -> !steps.containsKey(edge.target()))
                .forEach(edge -> errors.add(new FieldError(pointers.get(step.id()) + "/" + edge.field(), "names no step: " + edge.target()))));
        if (errors.size() > before || steps.isEmpty()) {
            return;
        }
        Set<String> reachable = reachable(steps);
        steps.keySet().stream()
                .filter(id -> !reachable.contains(id))
                .forEach(id -> errors.add(new FieldError(pointers.get(id), "is unreachable from the first step")));
        StepGraph graph = new StepGraph(steps, pointers, errors);
        steps.keySet().stream().filter(reachable::contains).forEach(id -> graph.visit(id, new ArrayList<>()));
    }

    private static Set<String> reachable(Map<String, Step> steps) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(steps.keySet().iterator().next()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                steps.get(id).edges().forEach(edge -> todo.push(edge.target()));
            }
        }
        return seen;
    }

    /** Depth-first over steps that do not wait; an edge back to a step on the path closes a loop. */
    private void visit(String id, List<String> path) {
        if (done.contains(id) || waits(steps.get(id))) {
            return;
        }
        onStack.put(id, path.size());
        path.add(id);
        for (Edge edge : steps.get(id).edges()) {
            Integer start = onStack.get(edge.target());
            if (start != null && reported.add(edge.target())) {
                List<String> loop = new ArrayList<>(path.subList(start, path.size()));
                loop.add(edge.target());
                errors.add(new FieldError(pointers.get(edge.target()), "starts a loop without a delay: " + String.join(" -> ", loop)));
            } else if (start == null) {
                visit(edge.target(), path);
            }
        }
        path.remove(path.size() - 1);
        onStack.remove(id);
        done.add(id);
    }

    private static boolean waits(Step step) {
        StepSettings settings = step.settings();
        if (settings instanceof StepSettings.Delay delay) {
            return !delay.duration().isZero();
        }
        if (settings instanceof StepSettings.WaitForEvent wait) {
            return !wait.timeout().isZero();
        }
        return settings instanceof StepSettings.DelayTimeOfDay;
    }
}
