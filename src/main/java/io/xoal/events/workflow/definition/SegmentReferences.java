package io.xoal.events.workflow.definition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The segments a definition names (branch conditions, a segment trigger, a segment goal) must exist in the workspace when it is saved. */
public final class SegmentReferences {

    /** A segment id and the JSON pointer that names it. */
    private record Ref(long segmentId, String pointer) {
    }

    private SegmentReferences() {
    }

    /** Fails with 400 naming the pointer of each segment id that is no segment of the workspace. */
    public static Uni<Void> check(SqlClient client, long workspace, WorkflowDefinition definition) {
        List<Ref> refs = new ArrayList<>();
        if (definition.trigger().segmentId() != null) {
            refs.add(new Ref(definition.trigger().segmentId(), "/definition/trigger/segment/id"));
        }
        if (definition.goal() != null && definition.goal().segmentEntered() != null) {
            refs.add(new Ref(definition.goal().segmentEntered(), "/definition/goal/segment_entered"));
        }
        definition.steps().values().stream()
                .filter(step -> step.settings() instanceof StepSettings.Branch)
                .flatMap(step -> ((StepSettings.Branch) step.settings()).conditions().stream())
                .filter(condition -> condition instanceof StepSettings.CustomerCondition)
                .forEach(condition -> collect(((StepSettings.CustomerCondition) condition).node(), refs));
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = refs.stream().map(Ref::segmentId).toArray(Long[]::new);
        return client.preparedQuery("SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(workspace, ids))
                .invoke(rows -> {
                    Set<Long> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getLong(0)));
                    List<FieldError> errors = refs.stream().filter(ref -> !found.contains(ref.segmentId()))
                            .map(ref -> new FieldError(ref.pointer(), "is no segment of this workspace: " + ref.segmentId()))
                            .toList();
                    if (!errors.isEmpty()) {
                        throw ProblemException.badRequest("The workflow definition is not valid", errors);
                    }
                })
                .replaceWithVoid();
    }

    private static void collect(Node node, List<Ref> refs) {
        if (node instanceof Node.InSegment in) {
            refs.add(new Ref(in.segmentId(), in.pointer()));
        } else if (node instanceof Node.Not not) {
            collect(not.child(), refs);
        } else if (node instanceof Node.And and) {
            and.children().forEach(child -> collect(child, refs));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> collect(child, refs));
        }
    }
}
