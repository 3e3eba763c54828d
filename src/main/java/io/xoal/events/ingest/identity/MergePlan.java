package io.xoal.events.ingest.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merges of one flush, taken in request order, as a set of moves that can be applied at once:
 * each source moves exactly once, straight to the customer its chain ends at (a→b then b→c moves
 * a and b to c), and any fan-in is kept. Each move's rank is the precedence of its source's
 * values on the target, as if the merges had run one after the other: the target's own values
 * first, then each source in the order it was merged, each followed by what had been merged into it.
 */
final class MergePlan {

    /** One source customer and the customer it ends up in; lower rank wins a profile field. */
    record Move(long workspaceId, long source, long target, int rank, int message) {
    }

    private final Map<Long, Long> into = new HashMap<>();
    private final Map<Long, List<Long>> mergedInto = new LinkedHashMap<>();
    private final Map<Long, long[]> origin = new HashMap<>();

    /** Merges {@code source} (as it stands after the earlier merges) into {@code target}. */
    void merge(long workspaceId, long source, long target, int message) {
        long from = end(source);
        long to = end(target);
        if (from == to) {
            return;
        }
        into.put(from, to);
        mergedInto.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
        origin.put(from, new long[]{workspaceId, message});
    }

    /** The customer {@code usid} ends up in after the merges so far. */
    long end(long usid) {
        long at = usid;
        while (into.containsKey(at)) {
            at = into.get(at);
        }
        return at;
    }

    boolean isEmpty() {
        return into.isEmpty();
    }

    List<Move> moves() {
        List<Move> moves = new ArrayList<>();
        for (Long target : mergedInto.keySet()) {
            if (!into.containsKey(target)) {
                collect(target, target, moves);
            }
        }
        return moves;
    }

    private void collect(long root, long node, List<Move> moves) {
        for (long source : mergedInto.getOrDefault(node, List.of())) {
            long[] o = origin.get(source);
            moves.add(new Move(o[0], source, root, moves.size(), (int) o[1]));
            collect(root, source, moves);
        }
    }
}
