package io.xoal.events.ingest.partition;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DedupGenerationsTest {

    @Test
    void aGenerationStartsOnAMultipleOfItsLengthInEpochDays() {
        // 2026-12-01 is epoch day 20,788 = 7 × 2,969 + 5, so its week-long generation began 5 days before.
        assertEquals(LocalDate.parse("2026-11-26"), DedupGenerations.generationOf(Instant.parse("2026-12-01T23:59:59Z"), 7));
        assertEquals(LocalDate.parse("2026-11-26"), DedupGenerations.generationOf(Instant.parse("2026-11-26T00:00:00Z"), 7));
        assertEquals(LocalDate.parse("2026-11-26"), DedupGenerations.generationOf(Instant.parse("2026-12-02T23:59:59Z"), 7));
        assertEquals(LocalDate.parse("2026-12-03"), DedupGenerations.generationOf(Instant.parse("2026-12-03T00:00:00Z"), 7));
    }

    @Test
    void dailyGenerationsAreTheUtcDay() {
        assertEquals(LocalDate.parse("2026-12-01"), DedupGenerations.generationOf(Instant.parse("2026-12-01T23:59:59Z"), 1));
    }
}
