package io.xoal.events.ingest.identity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flush's merges folded into moves, with the precedence they would have had one after the other. */
class MergePlanTest {

    private static List<String> moves(MergePlan plan) {
        return plan.moves().stream().map(m -> m.source() + "->" + m.target() + "#" + m.rank()).toList();
    }

    @Test
    void fanInKeepsEverySourceEarlierMergedFirst() {
        MergePlan plan = new MergePlan();
        plan.merge(1, 11, 1, 0);
        plan.merge(1, 12, 1, 1);
        plan.merge(1, 13, 1, 2);
        assertEquals(List.of("11->1#0", "12->1#1", "13->1#2"), moves(plan));
    }

    @Test
    void chainsMoveEverySourceToTheLastTargetBelowWhatItWasMergedInto() {
        MergePlan plan = new MergePlan();
        plan.merge(1, 1, 2, 0);
        plan.merge(1, 2, 3, 1);
        // 2 (holding 1's history) went into 3: 2's own values come before 1's.
        assertEquals(List.of("2->3#0", "1->3#1"), moves(plan));
        assertEquals(3, plan.end(1));
    }

    @Test
    void aMergeBackIntoWhatAlreadyHoldsTheSourceIsNothing() {
        MergePlan plan = new MergePlan();
        plan.merge(1, 1, 2, 0);
        plan.merge(1, 2, 1, 1);
        assertEquals(List.of("1->2#0"), moves(plan));
        MergePlan none = new MergePlan();
        none.merge(1, 5, 5, 0);
        assertTrue(none.isEmpty());
    }
}
