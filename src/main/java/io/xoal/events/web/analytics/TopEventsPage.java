package io.xoal.events.web.analytics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.EventStatisticsService;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.PageAnswer;
import io.xoal.events.web.SignedIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The range's most frequent events with their counts and distinct customers; each links to its trend. */
@Path("/analytics/top-events")
@Produces(MediaType.TEXT_HTML)
public class TopEventsPage implements DashboardPage {

    private static final int LIMIT = 50;

    private final EventStatisticsService statistics;
    private final WorkspaceActivity activity;
    private final SignedIn signedIn;

    public TopEventsPage(EventStatisticsService statistics, WorkspaceActivity activity, SignedIn signedIn) {
        this.statistics = statistics;
        this.activity = activity;
        this.signedIn = signedIn;
    }

    /** An event of the table, linking to its trend over the same range. */
    public record Row(String event, long count, long uniques, String trend) {
    }

    public record View(AnalyticsForm range, String tz, List<Row> events, String error, String emptyCurl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance top(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> top(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz,
                                     @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        AnalyticsForm range = new AnalyticsForm(from, to, tz);
        return activity.hasEvents(workspace).chain(has -> !has
                ? Uni.createFrom().item(Templates.top(new View(range, range.zone(), List.of(), null, AnalyticsForm.ingestCurl(uri.getBaseUri()))))
                : PageAnswer.of(() -> statistics.top(workspace, from, to, LIMIT, tz))
                        .map(answer -> Templates.top(answer.failed()
                                ? new View(range, range.zone(), List.of(), answer.error(), null)
                                : view(range.answered(answer.value().from(), answer.value().to(), answer.value().tz()), answer.value()))));
    }

    private static View view(AnalyticsForm range, AnalyticsViews.TopEvents top) {
        List<Row> rows = top.events().stream().map(e -> new Row(e.event(), e.count(), e.uniques(), "/analytics?events=" + encode(e.event())
                + "&from=" + encode(range.from()) + "&to=" + encode(range.to()) + "&tz=" + encode(top.tz()))).toList();
        return new View(range, top.tz(), rows, null, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
