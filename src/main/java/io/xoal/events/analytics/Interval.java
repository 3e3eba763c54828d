package io.xoal.events.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A bucket width in a time zone's calendar: local hours, days, weeks starting on Monday and months,
 * each converted to instants by the zone's rules, so a bucket across a DST change is 23 or 25 hours
 * long where the calendar says so.
 */
public enum Interval {
    HOUR, DAY, WEEK, MONTH;

    /** The start of the bucket that holds {@code t}. */
    Instant align(Instant t, ZoneId zone) {
        if (this == HOUR) {
            return t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        LocalDate start = switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
        return start.atStartOfDay(zone).toInstant();
    }

    /** The start of the bucket after the one that starts at {@code start}. */
    Instant next(Instant start, ZoneId zone) {
        if (this == HOUR) {
            return start.atZone(zone).plusHours(1).truncatedTo(ChronoUnit.HOURS).toInstant();
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        LocalDate next = switch (this) {
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
            default -> day.plusDays(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
