package io.xoal.events.analytics;

import io.xoal.events.error.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range cut into buckets: {@code bounds} are the instants between them, from the range's
 * start to its end, so bucket {@code k} is {@code [bounds[k], bounds[k+1])}. Only the first and
 * last bucket can be partial (a range that starts or ends inside a calendar interval).
 */
record Span(ZoneId zone, List<Instant> bounds) {

    /** {@code [from, to)} in buckets of {@code interval}; 400 naming {@code field} beyond {@code maxBuckets}. */
    static Span of(ZoneId zone, Interval interval, Instant from, Instant to, int maxBuckets, String field) {
        List<Instant> bounds = new ArrayList<>(List.of(from));
        for (Instant b = interval.next(interval.align(from, zone), zone); b.isBefore(to); b = interval.next(b, zone)) {
            if (bounds.size() >= maxBuckets) {
                throw ProblemException.invalidField(field, "gives more than " + maxBuckets
                        + " buckets over this range; choose a longer interval or a shorter range");
            }
            bounds.add(b);
        }
        bounds.add(to);
        return new Span(zone, List.copyOf(bounds));
    }

    /** The whole range as one bucket. */
    static Span whole(ZoneId zone, Instant from, Instant to) {
        return new Span(zone, List.of(from, to));
    }

    int buckets() {
        return bounds.size() - 1;
    }

    Instant from() {
        return bounds.get(0);
    }

    Instant to() {
        return bounds.get(bounds.size() - 1);
    }

    /**
     * Whether the daily rollup answers this span exactly: every bound is a UTC midnight, so every
     * UTC day of the rollup falls wholly into one bucket.
     */
    boolean dailyRollupIsExact() {
        return bounds.stream().allMatch(b -> b.atOffset(ZoneOffset.UTC).toLocalTime().toNanoOfDay() == 0);
    }

    /**
     * Whether the hourly counts answer this span exactly: every bound is a whole UTC hour (UTC and
     * every zone with a whole-hour offset, for any interval), so every hour falls wholly into one bucket.
     */
    boolean hourlyCountsAreExact() {
        return bounds.stream().allMatch(b -> b.getNano() == 0 && b.getEpochSecond() % 3600 == 0);
    }

    /** The bounds as the UTC days of the rollup (only meaningful when {@link #dailyRollupIsExact()}). */
    LocalDate[] days() {
        return bounds.stream().map(b -> b.atOffset(ZoneOffset.UTC).toLocalDate()).toArray(LocalDate[]::new);
    }

    /** Bucket {@code k}'s start as ISO-8601 with the zone's offset at that instant, e.g. 2026-10-25T00:00:00+02:00. */
    String start(int k) {
        return local(bounds.get(k));
    }

    String local(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
    }
}
