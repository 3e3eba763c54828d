package io.xoal.events.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Response bodies of the analytics API; every one names the time zone its buckets and dates are in. */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    @Schema(description = "One value per bucket of each event, zero-filled; `source` is the table that answered")
    public record Trends(String tz, String interval, String measure, String from, String to, String source,
                         List<Series> series, @Schema(description = "the previous period of equal length, when compare=previous") Comparison compare) {
    }

    @Schema(description = "total: the sum of the points (for uniques, a customer active in two buckets counts twice)")
    public record Series(String event, long total, List<Point> points) {
    }

    @Schema(description = "A bucket: its start (ISO-8601 with the zone's offset) and its value")
    public record Point(String start, long value) {
    }

    public record Comparison(String from, String to, List<Series> series) {
    }

    public record TopEvents(String tz, String from, String to, String source, List<TopEvent> events) {
    }

    public record TopEvent(String event, long count, long uniques) {
    }

    public record Frequency(String tz, String event, String from, String to, String source, long customers, List<FrequencyBucket> buckets) {
    }

    @Schema(description = "Customers who did the event between min and max times (max null: no upper bound)")
    public record FrequencyBucket(String label, long min, Long max, long customers) {
    }

    public record Stickiness(String tz, String event, String from, String to, String source,
                             @Schema(description = "the mean of the daily uniques over the days of the range") double averageDailyUniques,
                             @Schema(description = "distinct customers over the whole range") long uniques,
                             @Schema(description = "average_daily_uniques ÷ uniques (DAU/MAU for a month), 0 without customers") double stickiness,
                             List<Point> daily) {
    }

    public record Funnel(String tz, String from, String to, long windowSeconds, List<FunnelStep> steps) {
    }

    @Schema(description = "entered: customers who reached this step; converted: who went on to the next (null on the last); "
            + "percentages of the first and of the previous step; median seconds from the previous step")
    public record FunnelStep(int step, String event, long entered, Long converted, double conversionFromFirst,
                             double conversionFromPrevious, Double medianSecondsFromPrevious) {
    }

    public record Retention(String tz, String interval, String cohort, String cohortEvent, String returnEvent, String source,
                            List<Cohort> cohorts) {
    }

    @Schema(description = "Customers who entered the cohort in the interval starting at `start`, and how many of them did the "
            + "return event in each interval after: returned[0] is the cohort's own interval, returned[k] k intervals later; "
            + "intervals that have not started yet are left out")
    public record Cohort(String start, long size, List<Long> returned) {
    }
}
