package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * Ordered funnels, as PostHog's: every first-step event in the range is an entry; from it each
 * next step is the customer's earliest matching event strictly after the previous step and within
 * the window from the entry (so one event fills one step). An attempt with an exclusion event
 * between its first and its last reached step is dropped. Each customer counts once, by the
 * attempt that gets furthest (then the earliest). One statement; the lookups per step are
 * index probes on (workspace, subject, name, time).
 */
@ApplicationScoped
public class FunnelService {

    private final AnswerCache answers;
    private final Clock clock;

    public FunnelService(AnswerCache answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    public Uni<AnalyticsViews.Funnel> funnel(long workspaceId, FunnelInput input) {
        FunnelInput.Funnel funnel = input.check(clock);
        SqlParams params = new SqlParams();
        FilterSql filters = new FilterSql(params, clock.instant());
        String workspace = params.add(workspaceId, "bigint");
        String window = "(" + params.add(funnel.window().toSeconds(), "bigint") + " * interval '1 second')";
        List<FunnelInput.Step> steps = funnel.steps();
        String first = "e0";
        StringBuilder sql = new StringBuilder("WITH a AS (SELECT e0.subject_id AS c, e0.occurred_at AS t0");
        for (int i = 1; i < steps.size(); i++) {
            sql.append(", s").append(i).append(".t").append(i);
        }
        sql.append(" FROM events e0");
        for (int i = 1; i < steps.size(); i++) {
            String e = "e" + i;
            sql.append(" LEFT JOIN LATERAL (SELECT min(").append(e).append(".occurred_at) AS t").append(i)
                    .append(" FROM events ").append(e).append(" WHERE ").append(match(e, workspace, steps.get(i), filters, params))
                    .append(" AND ").append(e).append(".subject_id = e0.subject_id")
                    .append(" AND ").append(e).append(".occurred_at > ").append(i == 1 ? "e0.occurred_at" : "s" + (i - 1) + ".t" + (i - 1))
                    .append(" AND ").append(e).append(".occurred_at <= e0.occurred_at + ").append(window)
                    .append(") s").append(i).append(" ON true");
        }
        sql.append(" WHERE ").append(match(first, workspace, steps.get(0), filters, params))
                .append(" AND e0.occurred_at >= ").append(params.add(utc(funnel.range().from()), "timestamptz"))
                .append(" AND e0.occurred_at < ").append(params.add(utc(funnel.range().to()), "timestamptz")).append(")");
        sql.append(", best AS (SELECT DISTINCT ON (a.c) a.* FROM a");
        if (funnel.exclude() != null) {
            StringBuilder last = new StringBuilder("coalesce(");
            for (int i = steps.size() - 1; i > 0; i--) {
                last.append("a.t").append(i).append(", ");
            }
            sql.append(" WHERE NOT EXISTS (SELECT 1 FROM events x WHERE ").append(match("x", workspace, funnel.exclude(), filters, params))
                    .append(" AND x.subject_id = a.c AND x.occurred_at > a.t0 AND x.occurred_at < ").append(last).append("a.t0))");
        }
        sql.append(" ORDER BY a.c");
        for (int i = steps.size() - 1; i > 0; i--) {
            sql.append(", a.t").append(i).append(" IS NULL");
        }
        sql.append(", a.t0) SELECT count(*) AS r0");
        for (int i = 1; i < steps.size(); i++) {
            sql.append(", count(t").append(i).append(") AS r").append(i)
                    .append(", percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t").append(i).append(" - t").append(i - 1)
                    .append(")) AS m").append(i);
        }
        sql.append(" FROM best");
        List<String> names = new ArrayList<>(steps.stream().map(FunnelInput.Step::event).toList());
        if (funnel.exclude() != null) {
            names.add(funnel.exclude().event());
        }
        Instant from = funnel.range().from().truncatedTo(ChronoUnit.HOURS);
        Instant to = HourlyCounts.hourAfter(funnel.range().to().plus(funnel.window()));
        return answers.answer(workspaceId, sql.toString(), params, "", names, from, to, AnalyticsViews.Funnel.class,
                read -> view(funnel, read.rows().iterator().next()));
    }

    /** The conditions an event {@code alias} must meet to be {@code step}: workspace, customer, name and property filters. */
    private static String match(String alias, String workspace, FunnelInput.Step step, FilterSql filters, SqlParams params) {
        return alias + ".workspace_id = " + workspace + " AND " + alias + ".subject_kind = 'customer' AND " + alias + ".name = "
                + params.add(step.event(), "text") + " AND " + filters.allOf(step.where(), alias + ".properties");
    }

    private static AnalyticsViews.Funnel view(FunnelInput.Funnel funnel, Row row) {
        List<FunnelInput.Step> steps = funnel.steps();
        long entered = row.getLong("r0");
        List<AnalyticsViews.FunnelStep> views = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            long here = row.getLong("r" + i);
            long previous = i == 0 ? here : row.getLong("r" + (i - 1));
            Long next = i + 1 < steps.size() ? row.getLong("r" + (i + 1)) : null;
            Double median = i == 0 ? null : row.getDouble("m" + i);
            views.add(new AnalyticsViews.FunnelStep(i, steps.get(i).event(), here, next, percent(here, entered), percent(here, previous),
                    median));
        }
        Span span = Span.whole(funnel.zone(), funnel.range().from(), funnel.range().to());
        return new AnalyticsViews.Funnel(funnel.zone().getId(), span.local(span.from()), span.local(span.to()),
                funnel.window().toSeconds(), views);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 100.0;
    }
}
