package io.xoal.events.common;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: real time plus an offset that a test can move, or a fixed
 * instant (frozen) for tests that need exact boundaries.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    public void advance(Duration by) {
        offset = offset.plus(by);
        if (frozen != null) {
            frozen = frozen.plus(by);
        }
    }

    /** Stops the clock at {@code at} until {@link #reset()}; {@link #advance} then moves the fixed instant. */
    public void freeze(Instant at) {
        frozen = at;
    }

    public void reset() {
        offset = Duration.ZERO;
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant fixed = frozen;
        return fixed != null ? fixed : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
