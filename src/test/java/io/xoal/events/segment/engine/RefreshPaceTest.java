package io.xoal.events.segment.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** While ingesting, a recompute runs its share of the time: the pause after a chunk makes up the rest, bounded by the stale limit. */
class RefreshPaceTest {

    private static final Duration STALE = Duration.ofMinutes(1);

    @Test
    void aChunkIsItsShareOfChunkAndPause() {
        assertEquals(Duration.ofMillis(4000), RefreshPace.pause(Duration.ofMillis(1000), 0.2, STALE));
        assertEquals(Duration.ofMillis(1000), RefreshPace.pause(Duration.ofMillis(1000), 0.5, STALE));
    }

    @Test
    void aShareOfOneNeverPauses() {
        assertEquals(Duration.ZERO, RefreshPace.pause(Duration.ofSeconds(30), 1, STALE));
    }

    @Test
    void thePauseStaysWellBelowTheTakeOverOfAStaleRecompute() {
        assertEquals(Duration.ofSeconds(20), RefreshPace.pause(Duration.ofSeconds(30), 0.2, STALE));
    }
}
