package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.Node;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order in which the event-driven path evaluates a workspace's segments. */
class LiveSegmentsOrderTest {

    private static LiveSegment segment(long id, long... reads) {
        Node root = reads.length == 0 ? new Node.Performed("a", List.of(), Node.Count.AT_LEAST_ONCE, Node.Window.EVER)
                : new Node.And(Arrays.stream(reads).<Node>mapToObj(r -> new Node.InSegment(r, "/x")).toList());
        return new LiveSegment(id, 1, 1, root, DefinitionFacts.of(root));
    }

    private static List<Long> order(LiveSegment... segments) {
        return LiveSegments.dependencyOrder(List.of(segments)).stream().map(LiveSegment::id).toList();
    }

    @Test
    void aSegmentComesAfterTheSegmentsItReads() {
        assertEquals(List.of(3L, 1L, 2L, 4L), order(segment(1, 3), segment(2, 1), segment(3), segment(4, 2, 3)));
    }

    @Test
    void independentSegmentsKeepTheirIdOrder() {
        assertEquals(List.of(2L, 5L, 9L), order(segment(9), segment(2), segment(5)));
    }

    @Test
    void aReferenceToASegmentNotActiveIsIgnored() {
        assertEquals(List.of(1L, 6L), order(segment(6), segment(1, 42)));
    }
}
