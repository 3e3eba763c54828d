package io.xoal.events.ingest.partition;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionLayoutTest {

    private static final YearMonth NOW = YearMonth.of(2026, 12);
    private static final YearMonth EARLIEST = YearMonth.of(2000, 1);

    @Test
    void coversEveryAcceptedMonthOnceYearlyBeforeTheLast24Months() {
        List<EventPartitions.Range> ranges = EventPartitions.missing(Set.of(), EARLIEST, NOW, NOW.plusMonths(2));

        assertContiguous(ranges, YearMonth.of(2000, 1), NOW.plusMonths(3));
        assertTrue(ranges.contains(new EventPartitions.Range("events_p2023", YearMonth.of(2023, 1), YearMonth.of(2024, 1))));
        assertTrue(ranges.contains(new EventPartitions.Range("events_p2024_12", YearMonth.of(2024, 12), YearMonth.of(2025, 1))));
        assertEquals("events_p2026_12", ranges.get(0).name(), "the current month comes first");
    }

    @Test
    void keepsTheMonthsOfAYearThatAlreadyHasMonthlyPartitions() {
        List<EventPartitions.Range> ranges = EventPartitions.missing(Set.of("events_p2019_03", "events_p2026_12"), EARLIEST, NOW, NOW.plusMonths(2));

        assertTrue(ranges.stream().noneMatch(r -> r.name().equals("events_p2019")));
        assertEquals(11, ranges.stream().filter(r -> r.name().startsWith("events_p2019_")).count());
        List<EventPartitions.Range> all = new ArrayList<>(ranges);
        all.add(new EventPartitions.Range("events_p2019_03", YearMonth.of(2019, 3), YearMonth.of(2019, 4)));
        all.add(new EventPartitions.Range("events_p2026_12", NOW, NOW.plusMonths(1)));
        assertContiguous(all, YearMonth.of(2000, 1), NOW.plusMonths(3));
    }

    @Test
    void createsNothingWhenEverythingExists() {
        List<EventPartitions.Range> first = EventPartitions.missing(Set.of(), EARLIEST, NOW, NOW.plusMonths(2));
        Set<String> existing = Set.copyOf(first.stream().map(EventPartitions.Range::name).toList());

        assertEquals(List.of(), EventPartitions.missing(existing, EARLIEST, NOW, NOW.plusMonths(2)));
        assertEquals(List.of("events_p2027_03"), EventPartitions.missing(existing, EARLIEST, NOW.plusMonths(1), NOW.plusMonths(3))
                .stream().map(EventPartitions.Range::name).toList(), "a month later only the new month is missing");
    }

    @Test
    void startsAtTheEarliestAcceptedMonthWhenRetentionIsSet() {
        YearMonth earliest = YearMonth.of(2024, 11);
        List<EventPartitions.Range> ranges = EventPartitions.missing(Set.of(), earliest, NOW, NOW.plusMonths(2));

        assertContiguous(ranges, earliest, NOW.plusMonths(3));
    }

    @Test
    void readsEveryRangeBackFromItsNameAndNoOtherTable() {
        for (EventPartitions.Range range : EventPartitions.missing(Set.of(), EARLIEST, NOW, NOW.plusMonths(2))) {
            assertEquals(Optional.of(range), EventPartitions.Range.of(range.name()));
        }
        for (String other : List.of("events_p2024_13", "events_p2024_01_old", "events_default", "message_ids_g20241201")) {
            assertEquals(Optional.empty(), EventPartitions.Range.of(other), other);
        }
    }

    /** The ranges tile [from, to) without a gap or an overlap. */
    private static void assertContiguous(List<EventPartitions.Range> ranges, YearMonth from, YearMonth to) {
        List<EventPartitions.Range> sorted = ranges.stream().sorted(Comparator.comparing(EventPartitions.Range::from)).toList();
        YearMonth next = from;
        for (EventPartitions.Range range : sorted) {
            assertEquals(next, range.from(), "gap or overlap before " + range.name());
            next = range.to();
        }
        assertEquals(to, next);
    }
}
