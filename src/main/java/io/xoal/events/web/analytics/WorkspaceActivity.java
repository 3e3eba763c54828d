package io.xoal.events.web.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.EventStatisticsService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Whether a workspace has any customer event at all (else the pages show how to send one), and the events to start with. */
@ApplicationScoped
public class WorkspaceActivity {

    private final Pool pool;
    private final EventStatisticsService statistics;

    public WorkspaceActivity(Pool pool, EventStatisticsService statistics) {
        this.pool = pool;
        this.statistics = statistics;
    }

    /** One probe of the daily rollup's primary key, which every customer event of the workspace adds to. */
    public Uni<Boolean> hasEvents(long workspaceId) {
        return pool.preparedQuery("SELECT 1 FROM subject_event_daily WHERE workspace_id = $1 AND subject_kind = 'customer' LIMIT 1")
                .execute(Tuple.of(workspaceId))
                .map(rows -> rows.size() > 0);
    }

    /** The names of the range's {@code limit} most frequent events (none: empty), to start a page with. */
    public Uni<List<String>> top(long workspaceId, int limit, String from, String to, String tz) {
        return statistics.top(workspaceId, from, to, limit, tz)
                .map(top -> top.events().stream().map(AnalyticsViews.TopEvent::event).toList());
    }
}
