package io.xoal.events.segment.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event-driven drain's evaluation, inside the drain's transaction ({@link SegmentWorker}
 * claims the queued work and deletes it): the candidates of each active segment, what the
 * touching events decide alone, and each segment's statement for the rest (docs/segments.md,
 * "Decided from the events").
 */
@ApplicationScoped
class DrainEvaluation {

    private final SegmentIsolation isolation;
    private final SegmentEvaluator evaluator;
    private final DecidedTransitions decisions;
    private final Clock clock;
    private final Counter decisionsCounter;
    private final Counter statementsCounter;

    DrainEvaluation(SegmentIsolation isolation, SegmentEvaluator evaluator, DecidedTransitions decisions, Clock clock,
                    MeterRegistry registry) {
        this.isolation = isolation;
        this.evaluator = evaluator;
        this.decisions = decisions;
        this.clock = clock;
        this.decisionsCounter = candidates(registry, "decided");
        this.statementsCounter = candidates(registry, "statement");
    }

    private static Counter candidates(MeterRegistry registry, String path) {
        return Counter.builder("xoal.segments.candidates").tag("path", path)
                .description("Event-driven candidates (customer × segment): decided from the touching events alone, or evaluated by the segment's statement")
                .register(registry);
    }

    /**
     * Takes the locks of every segment with candidates, then reads which candidates are members
     * and the tags the segments need ({@link Memberships}; a busy segment is deferred); then
     * writes, for all segments in one statement, the answers the touching events decide alone ({@link EventProof},
     * {@link DecidedTransitions}) where they change a membership; then evaluates the rest with each
     * segment's statement, in dependency order, less the members whom what touched them cannot
     * make leave — a segment left with no one runs no statement. A segment that is failing takes
     * the statement for all its candidates (so that a success can clear it). Each statement
     * evaluates as of the moment it starts: flushes that commit meanwhile are then (almost
     * always) before it, and their own queued work follows anyway.
     */
    Uni<Void> evaluate(SqlConnection conn, long workspaceId, List<LiveSegment> active, Touched touched,
                       SegmentIsolation.Outcomes outcomes) {
        Map<Long, Map<Long, String>> evaluated = new HashMap<>();
        Map<LiveSegment, Map<Long, String>> candidates = new LinkedHashMap<>();
        for (LiveSegment segment : active) {
            Map<Long, String> of = touched.candidates(segment);
            segment.facts().dependsOn().forEach(dep -> evaluated.getOrDefault(dep, Map.of()).forEach(of::putIfAbsent));
            if (!of.isEmpty()) {
                evaluated.put(segment.id(), of);
                candidates.put(segment, of);
            }
        }
        return Memberships.lockFree(conn, candidates.keySet()).chain(free -> {
            for (LiveSegment segment : List.copyOf(candidates.keySet())) {
                if (!free.contains(segment.id())) {
                    outcomes.busy().add(segment);
                    candidates.remove(segment);
                }
            }
            Map<Long, Set<Long>> of = new HashMap<>();
            Set<Long> tagged = new HashSet<>();
            candidates.forEach((segment, usids) -> {
                of.put(segment.id(), usids.keySet());
                if (EventProof.readsTags(segment.definition())) {
                    tagged.addAll(usids.keySet());
                }
            });
            // Both reads are sent at once (the connection pipelines them).
            return Uni.combine().all().unis(Memberships.current(conn, workspaceId, of), Memberships.tags(conn, workspaceId, tagged))
                    .asTuple();
        }).chain(read -> {
            Map<Long, Set<Long>> members = read.getItem1();
            Instant now = clock.instant();
            Map<LiveSegment, List<DecidedTransitions.Decision>> decided = new LinkedHashMap<>();
            Map<LiveSegment, Map<Long, String>> undecided = new LinkedHashMap<>();
            candidates.forEach((segment, of) -> {
                Set<Long> in = members.getOrDefault(segment.id(), Set.of());
                Map<Long, String> rest = new LinkedHashMap<>(of);
                if (!outcomes.isFailing(segment.id())) {
                    decide(segment, of, in, touched, read.getItem2(), now, rest, decided);
                    Set<Long> staying = skippable(segment, touched, of, evaluated);
                    staying.retainAll(in);
                    rest.keySet().removeAll(staying);
                }
                undecided.put(segment, rest);
            });
            return decisions.write(conn, workspaceId, decided, now).chain(failed -> {
                failed.forEach(segment -> decided.get(segment).forEach(d -> undecided.get(segment).put(d.usid(), d.cause())));
                return statements(conn, undecided, outcomes);
            });
        });
    }

    /**
     * Moves from {@code rest} to {@code decided} the candidates whose answer the touching events
     * decide; of those, only the ones whose membership it changes are to be written.
     */
    private void decide(LiveSegment segment, Map<Long, String> candidates, Set<Long> members, Touched touched,
                        Map<Long, Set<String>> tags, Instant now, Map<Long, String> rest,
                        Map<LiveSegment, List<DecidedTransitions.Decision>> decided) {
        int count = 0;
        for (Map.Entry<Long, String> candidate : candidates.entrySet()) {
            Boolean answer = EventProof.decide(segment.definition(), candidate.getKey(), touched, tags, now);
            if (answer == null) {
                continue;
            }
            count++;
            rest.remove(candidate.getKey());
            if (answer != members.contains(candidate.getKey())) {
                decided.computeIfAbsent(segment, s -> new ArrayList<>())
                        .add(new DecidedTransitions.Decision(candidate.getKey(), answer, candidate.getValue()));
            }
        }
        decisionsCounter.increment(count);
    }

    /** Each segment's statement for its remaining candidates, each in its own savepoint (the locks are held already). */
    private Uni<Void> statements(SqlConnection conn, Map<LiveSegment, Map<Long, String>> undecided, SegmentIsolation.Outcomes outcomes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<LiveSegment, Map<Long, String>> entry : undecided.entrySet()) {
            LiveSegment segment = entry.getKey();
            Map<Long, String> rest = entry.getValue();
            if (rest.isEmpty()) {
                continue;
            }
            statementsCounter.increment(rest.size());
            chain = chain.chain(() -> isolation.run(conn, segment, outcomes, false,
                    () -> evaluator.candidates(conn, segment, rest.keySet().toArray(Long[]::new),
                            rest.values().toArray(String[]::new), clock.instant())).replaceWithVoid());
        }
        return chain;
    }

    /**
     * The candidates whom what touched them cannot make leave if they are members: all, for a
     * segment that events can only grow; else those only events it does not read touched, less
     * those for whom a segment it reads changed in this transaction.
     */
    private static Set<Long> skippable(LiveSegment segment, Touched touched, Map<Long, String> candidates,
                                       Map<Long, Map<Long, String>> evaluated) {
        if (segment.facts().growsWithEvents()) {
            return new HashSet<>(candidates.keySet());
        }
        Set<Long> skippable = touched.unreadEventsOnly(segment);
        skippable.retainAll(candidates.keySet());
        segment.facts().dependsOn().forEach(read -> skippable.removeAll(evaluated.getOrDefault(read, Map.of()).keySet()));
        return skippable;
    }
}
