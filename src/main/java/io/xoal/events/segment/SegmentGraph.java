package io.xoal.events.segment;

import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks "in segment" references: they must name segments of the workspace and never form a cycle. */
public final class SegmentGraph {

    private SegmentGraph() {
    }

    /**
     * @param self      the segment being saved (null when new)
     * @param references its in_segment conditions
     * @param edges     every other segment of the workspace → the segments it reads
     */
    public static void check(Long self, List<Node.InSegment> references, Map<Long, List<Long>> edges) {
        List<FieldError> errors = new ArrayList<>();
        for (Node.InSegment reference : references) {
            long target = reference.segmentId();
            if (!edges.containsKey(target)) {
                errors.add(new FieldError(reference.pointer(), "no segment " + target + " in this workspace"));
            } else if (self != null && reaches(target, self, edges)) {
                errors.add(new FieldError(reference.pointer(), "segment " + target + " reads this segment: that would be a cycle"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The segment definition is not valid", errors);
        }
    }

    private static boolean reaches(long from, long target, Map<Long, List<Long>> edges) {
        Deque<Long> todo = new ArrayDeque<>(List.of(from));
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long next = todo.pop();
            if (next == target) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, List.of()));
            }
        }
        return false;
    }
}
