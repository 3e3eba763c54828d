package io.xoal.events.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A retention question: who entered a cohort with one event, and who came back with another, per interval. */
public record RetentionInput(
        @Schema(description = "the event that puts a customer in a cohort") String cohortEvent,
        @Schema(description = "first: by the customer's first-ever cohort_event; recurring: every interval in which they did it; default first")
        String cohort,
        @Schema(description = "the event that counts as coming back; default the cohort event") String returnEvent,
        @Schema(description = "hour, day, week (from Monday) or month; default week") String interval,
        @Schema(description = "number of cohorts and of periods after each, 1 to 60; default 8") Integer periods,
        @Schema(description = "the first cohort's interval holds this date or instant; default `periods` intervals before now") String from,
        @Schema(description = "IANA time zone of the intervals; default UTC") String tz) {

    static final int MAX_PERIODS = 60;
}
