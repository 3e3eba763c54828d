package io.xoal.events.workflow.engine;

import io.xoal.events.workflow.WorkflowConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Delay before the next attempt of a send: {@code min(cap, base·2^(attempt−1))} ± 20 % jitter. */
@ApplicationScoped
public class Backoff {

    private final WorkflowConfig config;

    public Backoff(WorkflowConfig config) {
        this.config = config;
    }

    /** Whether a failed attempt number {@code attempt} (1-based) may be followed by another. */
    public boolean mayRetry(int attempt) {
        return attempt < config.maxAttempts();
    }

    public Duration after(int attempt) {
        long base = config.retryBase().toMillis();
        long exponential = base << Math.min(30, Math.max(0, attempt - 1));
        long capped = Math.min(config.retryCap().toMillis(), exponential);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
