package io.xoal.events.segment.differential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The instants a run cares about: the start T0, the later "nows" the clock will be moved to, the
 * window lengths the definitions use, and the boundaries in between — {@code now − length} for
 * every now and length, exactly and a millisecond or a second either side — where an
 * off-by-one in a window, a history rule or a relative date would show.
 */
final class Times {

    /** Window lengths and relative-date durations the definitions use, as JSON unit and amount. */
    static final List<String[]> LENGTHS = List.of(new String[]{"minutes", "30"}, new String[]{"minutes", "90"},
            new String[]{"hours", "1"}, new String[]{"hours", "6"}, new String[]{"hours", "24"},
            new String[]{"days", "1"}, new String[]{"days", "7"}, new String[]{"days", "30"});
    private static final List<Duration> STEPS = List.of(Duration.ofMinutes(45), Duration.ofHours(7), Duration.ofDays(1),
            Duration.ofDays(8), Duration.ofDays(31));
    private static final Duration[] NUDGES = {Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(-1),
            Duration.ofSeconds(1), Duration.ofSeconds(-1)};

    final Instant t0;
    /** T0 and the instant after each round's move of the clock. */
    final List<Instant> nows = new ArrayList<>();
    /** Absolute windows {@code [from, to)} the definitions use. */
    final List<Instant[]> spans;
    private final List<Instant> boundaries = new ArrayList<>();
    private final Random random;

    Times(Random random, Instant t0, int rounds) {
        this.random = random;
        this.t0 = t0;
        nows.add(t0);
        for (int i = 0; i < rounds; i++) {
            nows.add(nows.get(i).plus(STEPS.get(random.nextInt(STEPS.size()))));
        }
        spans = List.of(new Instant[]{t0.minus(Duration.ofDays(10)), t0.minus(Duration.ofDays(3))},
                new Instant[]{t0.minus(Duration.ofHours(36)), t0.plus(Duration.ofDays(2))});
        for (Instant now : nows) {
            for (String[] length : LENGTHS) {
                for (Duration nudge : NUDGES) {
                    boundaries.add(now.minus(duration(length)).plus(nudge));
                }
            }
        }
        for (Instant[] span : spans) {
            for (Instant edge : span) {
                boundaries.add(edge);
                boundaries.add(edge.minusMillis(1));
            }
        }
    }

    static Duration duration(String[] length) {
        return Duration.of(Long.parseLong(length[1]), java.time.temporal.ChronoUnit.valueOf(length[0].toUpperCase()));
    }

    /** The round's move of the clock. */
    Duration step(int round) {
        return Duration.between(nows.get(round - 1), nows.get(round));
    }

    /** A time for data written at {@code now}: often a boundary, sometimes now itself or up to 20 h ahead, never later. */
    Instant pick(Instant now) {
        int kind = random.nextInt(100);
        Instant t;
        if (kind < 35) {
            t = boundaries.get(random.nextInt(boundaries.size()));
        } else if (kind < 45) {
            t = now;
        } else if (kind < 50) {
            t = now.plusMillis(1 + (long) (random.nextDouble() * Duration.ofHours(20).toMillis()));
        } else if (kind < 62) {
            t = now.minusMillis((long) (random.nextDouble() * Duration.ofHours(2).toMillis()));
        } else {
            t = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(45).toMillis()));
        }
        return t.isAfter(now.plus(Duration.ofHours(20))) ? now : t;
    }

    /** A time at or before {@code now} (creation times). */
    Instant past(Instant now) {
        Instant t = pick(now);
        return t.isAfter(now) ? now : t;
    }
}
