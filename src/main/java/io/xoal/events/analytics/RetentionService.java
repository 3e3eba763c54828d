package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.xoal.events.common.Instants;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retention: cohorts of customers by the interval of their first (or of each) cohort event, and
 * how many of each cohort did the return event in each interval after. The first-ever occurrence
 * comes from the daily rollup's first_at (exact at any instant); activity as {@link Activity} reads it.
 */
@ApplicationScoped
public class RetentionService {

    /** How a customer joins cohorts. */
    enum Cohort {
        FIRST, RECURRING
    }

    private final AnswerCache answers;
    private final Clock clock;

    public RetentionService(AnswerCache answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    public Uni<AnalyticsViews.Retention> retention(long workspaceId, RetentionInput input) {
        String cohortEvent = AnalyticsParams.event(input.cohortEvent(), "/cohort_event");
        String returnEvent = input.returnEvent() == null || input.returnEvent().isBlank() ? cohortEvent : input.returnEvent();
        Cohort cohort = AnalyticsParams.choice(Cohort.class, input.cohort(), Cohort.FIRST, "/cohort");
        Interval interval = AnalyticsParams.choice(Interval.class, input.interval(), Interval.WEEK, "/interval");
        int periods = input.periods() == null ? 8 : input.periods();
        if (periods < 1 || periods > RetentionInput.MAX_PERIODS) {
            throw ProblemException.invalidField("/periods", "must be 1 to " + RetentionInput.MAX_PERIODS);
        }
        ZoneId zone = AnalyticsParams.zone(input.tz(), "/tz");
        Instant start = interval.align(input.from() == null || input.from().isBlank() ? firstOf(interval, zone, periods)
                : AnalyticsParams.time(input.from(), zone, "/from"), zone);
        Instant end = start;
        for (int i = 0; i < periods; i++) {
            end = interval.next(end, zone);
        }
        Span span = Span.of(zone, interval, start, end, periods, "/periods");
        SqlParams params = new SqlParams();
        Activity returns = Activity.of(workspaceId, List.of(returnEvent), span, params);
        String cohorts = cohort == Cohort.RECURRING
                ? "SELECT DISTINCT s.subject_id AS c, s.b FROM (" + Activity.of(workspaceId, List.of(cohortEvent), span, params).sql() + ") s"
                : first(workspaceId, cohortEvent, span, params);
        String sql = "WITH co AS (" + cohorts + "), re AS (SELECT DISTINCT r.subject_id AS c, r.b FROM (" + returns.sql() + ") r)"
                + " SELECT co.b, -1 AS k, count(*) AS n FROM co GROUP BY co.b"
                + " UNION ALL SELECT co.b, re.b - co.b AS k, count(*) AS n FROM co JOIN re ON re.c = co.c AND re.b >= co.b GROUP BY 1, 2";
        Instant now = clock.instant();
        long begun = span.bounds().stream().filter(bound -> bound.isBefore(now)).count();
        // A first-ever cohort depends on every earlier cohort event too: its hours start at the beginning.
        Instant hoursFrom = cohort == Cohort.FIRST ? Instant.EPOCH : span.from();
        return answers.answer(workspaceId, sql, params, "begun " + begun, List.of(cohortEvent, returnEvent), hoursFrom,
                HourlyCounts.hourAfter(span.to()), AnalyticsViews.Retention.class, read -> {
            long[][] grid = new long[periods][periods + 1];
            for (Row row : read.rows()) {
                grid[row.getInteger("b") - 1][row.getInteger("k") + 1] = row.getLong("n");
            }
            List<AnalyticsViews.Cohort> views = new ArrayList<>();
            for (int b = 0; b < periods; b++) {
                List<Long> returned = new ArrayList<>();
                for (int k = 0; b + k < periods && span.bounds().get(b + k).isBefore(now); k++) {
                    returned.add(grid[b][k + 1]);
                }
                views.add(new AnalyticsViews.Cohort(span.start(b), grid[b][0], returned));
            }
            return new AnalyticsViews.Retention(zone.getId(), interval.json(), cohort.name().toLowerCase(Locale.ROOT), cohortEvent,
                    returnEvent, returns.source(), views);
        });
    }

    /** The cohorts by first-ever occurrence: min(first_at) over the customer's rollup days, bucketed by instant. */
    private static String first(long workspaceId, String event, Span span, SqlParams params) {
        String bounds = params.add(span.bounds().stream().map(Instants::utc).toArray(OffsetDateTime[]::new), "timestamptz[]");
        return "SELECT f.subject_id AS c, width_bucket(min(f.first_at), " + bounds + ") AS b FROM subject_event_daily f"
                + " WHERE f.workspace_id = " + params.add(workspaceId, "bigint") + " AND f.subject_kind = 'customer' AND f.name = "
                + params.add(event, "text") + " GROUP BY f.subject_id"
                + " HAVING min(f.first_at) >= " + params.add(Instants.utc(span.from()), "timestamptz")
                + " AND min(f.first_at) < " + params.add(Instants.utc(span.to()), "timestamptz");
    }

    /** By default the grid ends with the current interval. */
    private Instant firstOf(Interval interval, ZoneId zone, int periods) {
        Instant start = interval.align(clock.instant(), zone);
        for (int i = 1; i < periods; i++) {
            start = interval.align(start.minusSeconds(1), zone);
        }
        return start;
    }
}
