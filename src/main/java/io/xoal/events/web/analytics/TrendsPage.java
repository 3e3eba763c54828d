package io.xoal.events.web.analytics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.TrendService;
import io.xoal.events.web.ChartJson;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.PageAnswer;
import io.xoal.events.web.SignedIn;
import io.xoal.events.web.TimeLabels;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/** The Analytics tab's first page: trends of chosen events (by default the range's top events) as a chart and a table. */
@Path("/analytics")
@Produces(MediaType.TEXT_HTML)
public class TrendsPage implements DashboardPage {

    /** How many top events a trends page starts with when none are chosen. */
    static final int DEFAULT_EVENTS = 3;

    private final TrendService trends;
    private final WorkspaceActivity activity;
    private final SignedIn signedIn;

    public TrendsPage(TrendService trends, WorkspaceActivity activity, SignedIn signedIn) {
        this.trends = trends;
        this.activity = activity;
        this.signedIn = signedIn;
    }

    /** The form as entered, and what the answer gave: the chart's JSON, a table of the same numbers, or an error. */
    public record View(AnalyticsForm range, String events, String interval, String measure, boolean compare, String tz,
                       String chart, List<String> columns, List<Row> rows, List<String> totals, String error, String notice,
                       String emptyCurl) {
    }

    /** One bucket of the table: its label and a value per column. */
    public record Row(String label, List<Long> values) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trends(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> trends(@QueryParam("events") String events, @QueryParam("from") String from, @QueryParam("to") String to,
                                        @QueryParam("interval") String interval, @QueryParam("measure") String measure,
                                        @QueryParam("tz") String tz, @QueryParam("compare") String compare, @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        AnalyticsForm range = new AnalyticsForm(from, to, tz);
        String width = AnalyticsForm.blank(interval) ? "day" : interval;
        String what = AnalyticsForm.blank(measure) ? "total" : measure;
        boolean previous = "previous".equals(compare);
        return activity.hasEvents(workspace).chain(has -> !has
                ? Uni.createFrom().item(Templates.trends(new View(range, "", width, what, previous, range.zone(), null, List.of(),
                        List.of(), List.of(), null, null, AnalyticsForm.ingestCurl(uri.getBaseUri()))))
                : PageAnswer.of(() -> names(workspace, events, from, to, tz)
                                .chain(names -> names.isEmpty() ? Uni.createFrom().<AnalyticsViews.Trends>nullItem()
                                        : trends.trends(workspace, names, from, to, width, what, tz, previous ? "previous" : null)))
                        .map(answer -> Templates.trends(view(range, events, width, what, previous, answer))));
    }

    private Uni<String> names(long workspace, String events, String from, String to, String tz) {
        if (!AnalyticsForm.blank(events)) {
            return Uni.createFrom().item(events);
        }
        return activity.top(workspace, DEFAULT_EVENTS, from, to, tz).map(names -> String.join(",", names));
    }

    private View view(AnalyticsForm range, String events, String width, String what, boolean previous,
                      PageAnswer<AnalyticsViews.Trends> answer) {
        AnalyticsViews.Trends t = answer.value();
        if (answer.failed() || t == null) {
            return new View(range, events == null ? "" : events, width, what, previous, range.zone(), null, List.of(), List.of(),
                    List.of(), answer.error(), answer.failed() ? null : "No events in this range: choose an earlier or longer one.", null);
        }
        List<AnalyticsViews.Series> all = new ArrayList<>(t.series());
        List<String> columns = new ArrayList<>(t.series().stream().map(AnalyticsViews.Series::event).toList());
        List<AnalyticsViews.Point> axis = t.series().get(0).points();
        ChartJson chart = ChartJson.over(ChartData.starts(axis), t.tz());
        t.series().forEach(s -> chart.series(s.event(), ChartData.values(s.points()), false));
        if (t.compare() != null) {
            t.compare().series().forEach(s -> {
                chart.series(s.event() + " (previous period)", ChartData.values(s.points()), true);
                columns.add(s.event() + " (previous period)");
                all.add(s);
            });
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < axis.size(); k++) {
            int bucket = k;
            rows.add(new Row(TimeLabels.bucket(axis.get(k).start(), "hour".equals(t.interval())),
                    all.stream().map(s -> bucket < s.points().size() ? s.points().get(bucket).value() : null).toList()));
        }
        List<String> totals = all.stream().map(s -> String.valueOf(s.total())).toList();
        String names = String.join(",", t.series().stream().map(AnalyticsViews.Series::event).toList());
        return new View(range.answered(t.from(), t.to(), t.tz()), names, t.interval(), t.measure(), previous, t.tz(), chart.json(),
                columns, rows, totals, null, null, null);
    }
}
