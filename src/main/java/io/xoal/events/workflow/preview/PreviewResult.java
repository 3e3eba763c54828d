package io.xoal.events.workflow.preview;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.definition.WorkflowDefinition.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The rows of a dry run's statement ({@link PreviewSql}) as its answer: steps in the definition's order, every edge listed. */
final class PreviewResult {

    private PreviewResult() {
    }

    static PreviewViews.Preview of(RowSet<Row> rows, PreviewSql.Compiled compiled, WorkflowDefinition definition, PreviewWindow window,
                                   Instant now, long tookMs) {
        long runs = 0;
        long customers = 0;
        long simulated = 0;
        Map<Long, String> sample = new TreeMap<>();
        Map<Integer, Row> reached = new HashMap<>();
        Map<Integer, Map<String, Row>> edges = new HashMap<>();
        for (Row row : rows) {
            switch (row.getString("kind")) {
                case "enrolled" -> {
                    runs = row.getLong("a");
                    customers = row.getLong("b");
                    simulated = row.getLong("c");
                }
                case "sample" -> sample.put(row.getLong("a"), row.getString("label"));
                case "step" -> reached.put(row.getInteger("step"), row);
                default -> edges.computeIfAbsent(row.getInteger("step"), i -> new LinkedHashMap<>()).put(row.getString("label"), row);
            }
        }
        List<PreviewViews.StepView> steps = new ArrayList<>();
        long completed = 0;
        long exited = 0;
        for (Step step : definition.steps().values()) {
            int i = compiled.order().indexOf(step);
            Row here = reached.get(i);
            Map<String, Row> taken = new LinkedHashMap<>(edges.getOrDefault(i, Map.of()));
            List<PreviewViews.EdgeView> out = new ArrayList<>();
            for (WorkflowDefinition.Edge edge : step.edges()) {
                String basis = compiled.loop(step, edge.field()) ? "loop" : StepOutcomes.basis(step, edge.field());
                out.add(edge(edge.field(), edge.target(), taken.remove(edge.field()), basis));
            }
            for (Map.Entry<String, Row> other : taken.entrySet()) {
                out.add(edge(other.getKey(), null, other.getValue(), StepOutcomes.basis(step, other.getKey())));
            }
            for (PreviewViews.EdgeView edge : out) {
                completed += edge.edge().equals("completed") ? edge.runs() : 0;
                exited += edge.edge().equals("goal") ? edge.runs() : 0;
            }
            exited += here.getLong("c");
            steps.add(new PreviewViews.StepView(step.id(), step.type().name().toLowerCase(Locale.ROOT), here.getLong("a"),
                    here.getLong("b"), here.getLong("c"), here.getBoolean("flag"), out));
        }
        PreviewViews.Enrolled enrolled = new PreviewViews.Enrolled(runs, customers, new ArrayList<>(sample.values()));
        return new PreviewViews.Preview(window.from(), window.to(), now, enrolled, simulated, simulated < runs, completed, exited, steps,
                tookMs);
    }

    private static PreviewViews.EdgeView edge(String field, String target, Row row, String basis) {
        return row == null
                ? new PreviewViews.EdgeView(field, target, 0, 0, basis, false)
                : new PreviewViews.EdgeView(field, target, row.getLong("a"), row.getLong("b"), basis, row.getBoolean("flag"));
    }
}
