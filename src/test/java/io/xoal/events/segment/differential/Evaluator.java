package io.xoal.events.segment.differential;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The documented semantics of a definition, written from docs/segments.md alone. Negation is
 * pushed to the leaves: {@code eval(c, node, negated)} is the truth of {@code node} (or of its
 * negation). Attribute, tag and in_segment leaves are two-valued. A performed leaf is the history
 * rule: a condition that zero events satisfy (not performed, at_most n, exactly 0, the negation
 * of at_least n) matches only a customer whose history (from the earliest of created_at,
 * joined_date and their first event) covers the window's start; "ever" needs no cover.
 * Where the docs are silent the model reads them literally: "the last n before now" is
 * {@code [now − n, now)} (an event at now or later is not in it), "ever" counts every event
 * (future ones too), names, strings and tags compare exactly (case-sensitive).
 */
final class Evaluator {

    private final Map<Long, Condition> segments;
    private final Instant now;
    /** As of a past instant (a backtest): events at or after now are not known yet. */
    private final boolean past;

    Evaluator(Map<Long, Condition> segments, Instant now) {
        this(segments, now, false);
    }

    private Evaluator(Map<Long, Condition> segments, Instant now, boolean past) {
        this.segments = segments;
        this.now = now;
        this.past = past;
    }

    /**
     * The definition as of {@code at} (docs/segments.md, "Backtest"): only the events before it, with
     * current attributes and tags; the caller keeps the customers whose history had begun.
     */
    static Evaluator asOf(Map<Long, Condition> segments, Instant at) {
        return new Evaluator(segments, at, true);
    }

    boolean matches(ModelCustomer customer, Condition condition) {
        return eval(customer, condition, false);
    }

    private boolean eval(ModelCustomer c, Condition node, boolean negated) {
        if (node instanceof Condition.All all) {
            return negated ? all.items().stream().anyMatch(i -> eval(c, i, true)) : all.items().stream().allMatch(i -> eval(c, i, false));
        }
        if (node instanceof Condition.Any any) {
            return negated ? any.items().stream().allMatch(i -> eval(c, i, true)) : any.items().stream().anyMatch(i -> eval(c, i, false));
        }
        if (node instanceof Condition.Not not) {
            return eval(c, not.item(), !negated);
        }
        if (node instanceof Condition.Performed performed) {
            return performed(c, performed, negated);
        }
        return negated != leaf(c, node);
    }

    private boolean leaf(ModelCustomer c, Condition node) {
        if (node instanceof Condition.Attribute attribute) {
            String type = ModelCustomer.BUILT_IN.getOrDefault(attribute.name(), attribute.filter().type());
            return Comparison.holds(attribute.filter(), type, c.attribute(attribute.name()), now);
        }
        if (node instanceof Condition.Tag tag) {
            return c.tags.contains(tag.tag()) == tag.has();
        }
        if (node instanceof Condition.InSegment in) {
            return matches(c, segments.get(in.id()));
        }
        throw new IllegalArgumentException("node " + node);
    }

    private boolean performed(ModelCustomer c, Condition.Performed p, boolean negated) {
        long count = c.events.stream()
                .filter(e -> e.name().equals(p.event()) && p.window().contains(e.at(), now) && (!past || e.at().isBefore(now)))
                .filter(e -> p.where().stream().allMatch(f -> Comparison.holds(f, f.type(), e.property(f.path()), now)))
                .count();
        LongPredicate satisfied = n -> negated != p.count().holds(n);
        return satisfied.test(count) && (!satisfied.test(0) || covered(c, p.window()));
    }

    private boolean covered(ModelCustomer c, Condition.Window window) {
        Instant start = window.start(now);
        return start == null || !c.historyStart().isAfter(start);
    }
}
