package io.xoal.events.segment.definition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A parsed segment definition: a tree of and / or / not over conditions (docs/segments.md). */
public sealed interface Node {

    /** Every child matches. */
    record And(List<Node> children) implements Node {
    }

    /** At least one child matches. */
    record Or(List<Node> children) implements Node {
    }

    /** The child does not match. */
    record Not(Node child) implements Node {
    }

    /** The customer performed {@code event} (matching {@code where}) a number of times within a window. */
    record Performed(String event, List<Filter> where, Count count, Window window) implements Node {
    }

    /** A built-in or custom customer attribute compared by its type. */
    record Attribute(String name, Filter filter) implements Node {
    }

    /** The customer has (or has not) a tag. */
    record Tag(String tag, boolean has) implements Node {
    }

    /** The customer is a member of another segment. */
    record InSegment(long segmentId, String pointer) implements Node {
    }

    /** A typed comparison of a value at {@code path} (an attribute or an event property). */
    record Filter(List<String> path, ValueType type, Op op, Object value) {
    }

    /** How many events: at least, at most or exactly {@code value}. */
    record Count(CountOp op, long value) {

        public static final Count AT_LEAST_ONCE = new Count(CountOp.AT_LEAST, 1);

        /** Whether {@code n} events satisfy this count. */
        public boolean accepts(long n) {
            return switch (op) {
                case AT_LEAST -> n >= value;
                case AT_MOST -> n <= value;
                case EXACTLY -> n == value;
            };
        }
    }

    /** The count operators. */
    enum CountOp {
        AT_LEAST, AT_MOST, EXACTLY
    }

    /** The time span counted: the last {@code length} before now, between two instants, or ever. */
    record Window(Duration last, Instant from, Instant to) {

        public static final Window EVER = new Window(null, null, null);

        public boolean relative() {
            return last != null;
        }

        public boolean ever() {
            return last == null && from == null;
        }

        /** The start of the window at {@code now}, or null for ever. */
        public Instant start(Instant now) {
            return last != null ? now.minus(last) : from;
        }

        /** The (exclusive) end of the window at {@code now}, or null for ever. */
        public Instant end(Instant now) {
            return last != null ? now : to;
        }
    }
}
