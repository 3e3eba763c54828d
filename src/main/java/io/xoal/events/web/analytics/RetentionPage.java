package io.xoal.events.web.analytics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.RetentionInput;
import io.xoal.events.analytics.RetentionService;
import io.xoal.events.error.ProblemException;
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
import java.util.Locale;

/** The retention tab: a cohort grid, each cell coloured by the share of its cohort that came back (heat-0 … heat-10). */
@Path("/analytics/retention")
@Produces(MediaType.TEXT_HTML)
public class RetentionPage implements DashboardPage {

    private final RetentionService retention;
    private final WorkspaceActivity activity;
    private final SignedIn signedIn;

    public RetentionPage(RetentionService retention, WorkspaceActivity activity, SignedIn signedIn) {
        this.retention = retention;
        this.activity = activity;
        this.signedIn = signedIn;
    }

    /** A cell: the percentage shown, the count in its title, and its colour class. */
    public record Cell(String percent, String title, String heat) {
    }

    public record Cohort(String label, long size, List<Cell> cells) {
    }

    public record View(String cohortEvent, String returnEvent, String cohort, String interval, String periods, String from, String tz,
                       List<String> columns, List<Cohort> cohorts, String error, String emptyCurl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance retention(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> retention(@QueryParam("cohort_event") String cohortEvent, @QueryParam("return_event") String returnEvent,
                                           @QueryParam("cohort") String cohort, @QueryParam("interval") String interval,
                                           @QueryParam("periods") String periods, @QueryParam("from") String from,
                                           @QueryParam("tz") String tz, @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        String kind = AnalyticsForm.blank(cohort) ? "first" : cohort;
        String width = AnalyticsForm.blank(interval) ? "week" : interval;
        String count = AnalyticsForm.blank(periods) ? "8" : periods.trim();
        String zone = AnalyticsForm.blank(tz) ? "UTC" : tz;
        String back = returnEvent == null ? "" : returnEvent;
        String start = from == null ? "" : from;
        return activity.hasEvents(workspace).chain(has -> !has
                ? Uni.createFrom().item(Templates.retention(new View("", back, kind, width, count, start, zone, List.of(), List.of(), null,
                        AnalyticsForm.ingestCurl(uri.getBaseUri()))))
                : PageAnswer.of(() -> cohortEvent(workspace, cohortEvent)
                                .chain(event -> retention.retention(workspace,
                                        new RetentionInput(event, kind, back, width, number(count), from, tz))))
                        .map(answer -> Templates.retention(answer.failed()
                                ? new View(cohortEvent == null ? "" : cohortEvent, back, kind, width, count, start, zone, List.of(), List.of(),
                                        answer.error(), null)
                                : view(answer.value(), back, count, start))));
    }

    /** The chosen cohort event, or the most frequent event of the last 30 days. */
    private Uni<String> cohortEvent(long workspace, String given) {
        if (!AnalyticsForm.blank(given)) {
            return Uni.createFrom().item(given.trim());
        }
        return activity.top(workspace, 1, null, null, null).map(top -> top.isEmpty() ? null : top.get(0));
    }

    private static Integer number(String periods) {
        try {
            return Integer.valueOf(periods);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("/periods", "must be a whole number, 1 to 60");
        }
    }

    private static View view(AnalyticsViews.Retention r, String returnEvent, String periods, String from) {
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < r.cohorts().size(); k++) {
            columns.add(Character.toUpperCase(r.interval().charAt(0)) + r.interval().substring(1) + " " + k);
        }
        List<Cohort> cohorts = r.cohorts().stream().map(c -> new Cohort(TimeLabels.bucket(c.start(), "hour".equals(r.interval())),
                c.size(), c.returned().stream().map(n -> cell(n, c.size())).toList())).toList();
        return new View(r.cohortEvent(), returnEvent, r.cohort(), r.interval(), periods, from, r.tz(), columns, cohorts, null, null);
    }

    /** The share of the cohort that came back, to one decimal, and its heat class {@code heat-round(percent / 10)}. */
    static Cell cell(long returned, long size) {
        double percent = size == 0 ? 0 : returned * 100.0 / size;
        String shown = String.format(Locale.ROOT, "%.1f %%", percent);
        return new Cell(shown, returned + " of " + size + " customers", "heat-" + Math.round(percent / 10));
    }
}
