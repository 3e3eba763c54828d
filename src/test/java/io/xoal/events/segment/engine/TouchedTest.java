package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.Definitions;
import io.xoal.events.segment.definition.Node;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The entries a busy segment's deferral queues again are exactly those that made its candidates:
 * queued again alone, they make the same candidates with the same causes.
 */
class TouchedTest {

    private static LiveSegment segment(long id, String definition) {
        Node root = Definitions.parse(definition);
        return new LiveSegment(id, 1, 1, root, DefinitionFacts.of(root));
    }

    private static Touched touched() {
        Touched touched = new Touched();
        touched.add(new Long[]{1L, 2L, 3L, 4L, 5L, 6L}, new Long[]{10L, 11L, null, 12L, -7L, 13L},
                new String[]{"purchase", "login", null, null, null, "search"}, null);
        return touched;
    }

    private static Map<Long, String> requeued(LiveSegment segment) {
        Touched again = new Touched();
        touched().sourcesOf(segment).forEach(entry -> again.add(new Long[]{entry.usid()}, new Long[]{entry.event()},
                new String[]{entry.name()}, new OffsetDateTime[]{entry.occurredAt()}));
        return again.candidates(segment);
    }

    @Test
    void aSegmentOfEventsGetsBackTheEntriesOfTheNamesItReads() {
        LiveSegment buyers = segment(1, "{'performed':{'event':'purchase','window':{'days':30}}}");
        assertEquals(Map.of(1L, "event 10"), touched().candidates(buyers));
        assertEquals(touched().candidates(buyers), requeued(buyers));
    }

    @Test
    void aSegmentOfProfilesAndOtherSegmentsGetsBackProfileChangesHistoryStartsAndTheSegmentsItReads() {
        LiveSegment pro = segment(2, "{'or':[{'attribute':{'name':'plan','type':'string','op':'eq','value':'pro'}},{'in_segment':{'id':7}}]}");
        assertEquals(Map.of(3L, "profile change", 4L, "event 12", 5L, "segment 7"), touched().candidates(pro));
        assertEquals(touched().candidates(pro), requeued(pro));
    }

    @Test
    void aSegmentOfActivityGetsBackEveryEvent() {
        LiveSegment active = segment(3, "{'attribute':{'name':'last_active','op':'less_than_ago','value':{'days':1}}}");
        assertEquals(touched().candidates(active), requeued(active));
        assertEquals(5, requeued(active).size(), "every touched customer but the one only a segment change touched");
    }
}
