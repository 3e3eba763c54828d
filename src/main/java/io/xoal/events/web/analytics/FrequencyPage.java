package io.xoal.events.web.analytics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.EventStatisticsService;
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

import java.util.List;
import java.util.Locale;

/** How often customers did one event (1, 2–5, 6–20, 21+ times) as bars, and its stickiness (DAU/MAU) as a chart and a figure. */
@Path("/analytics/frequency")
@Produces(MediaType.TEXT_HTML)
public class FrequencyPage implements DashboardPage {

    private final EventStatisticsService statistics;
    private final WorkspaceActivity activity;
    private final SignedIn signedIn;

    public FrequencyPage(EventStatisticsService statistics, WorkspaceActivity activity, SignedIn signedIn) {
        this.statistics = statistics;
        this.activity = activity;
        this.signedIn = signedIn;
    }

    /** A frequency bucket: how many customers, their share of all who did the event (the bar's width). */
    public record Bar(String label, long customers, String percent, String width) {
    }

    public record Daily(String day, long uniques) {
    }

    public record View(AnalyticsForm range, String event, String tz, long customers, List<Bar> bars, String stickiness,
                       String averageDailyUniques, long uniques, String chart, List<Daily> daily, String error, String emptyCurl) {
    }

    /** Both answers of one event and range. */
    private record Answers(AnalyticsViews.Frequency frequency, AnalyticsViews.Stickiness stickiness) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance frequency(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> frequency(@QueryParam("event") String event, @QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("tz") String tz, @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        AnalyticsForm range = new AnalyticsForm(from, to, tz);
        String given = event == null ? "" : event;
        return activity.hasEvents(workspace).chain(has -> !has
                ? Uni.createFrom().item(Templates.frequency(failed(range, given, null, AnalyticsForm.ingestCurl(uri.getBaseUri()))))
                : PageAnswer.of(() -> (AnalyticsForm.blank(event) ? activity.top(workspace, 1, from, to, tz)
                                .map(top -> top.isEmpty() ? null : top.get(0)) : Uni.createFrom().item(event.trim()))
                                .chain(name -> statistics.frequency(workspace, name, from, to, tz)
                                        .chain(f -> statistics.stickiness(workspace, name, from, to, tz).map(s -> new Answers(f, s)))))
                        .map(answer -> Templates.frequency(answer.failed() ? failed(range, given, answer.error(), null)
                                : view(range, answer.value()))));
    }

    private static View failed(AnalyticsForm range, String event, String error, String emptyCurl) {
        return new View(range, event, range.zone(), 0, List.of(), null, null, 0, null, List.of(), error, emptyCurl);
    }

    private View view(AnalyticsForm range, Answers answers) {
        AnalyticsViews.Frequency f = answers.frequency();
        AnalyticsViews.Stickiness s = answers.stickiness();
        List<Bar> bars = f.buckets().stream().map(b -> {
            double share = f.customers() == 0 ? 0 : b.customers() * 100.0 / f.customers();
            return new Bar(b.label(), b.customers(), String.format(Locale.ROOT, "%.1f %%", share), String.format(Locale.ROOT, "%.2f", share));
        }).toList();
        String chart = ChartJson.over(ChartData.starts(s.daily()), s.tz()).series("unique customers per day", ChartData.values(s.daily()), false).json();
        List<Daily> daily = s.daily().stream().map(p -> new Daily(TimeLabels.bucket(p.start(), false), p.value())).toList();
        return new View(range.answered(f.from(), f.to(), f.tz()), f.event(), f.tz(), f.customers(), bars,
                String.format(Locale.ROOT, "%.1f %%", s.stickiness() * 100), String.format(Locale.ROOT, "%.2f", s.averageDailyUniques()),
                s.uniques(), chart, daily, null, null);
    }
}
