package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Analytics over the workspace's customer events: trends, top events, frequency, stickiness,
 * funnels and retention. Every answer states the IANA time zone its buckets and dates are in.
 */
@Path("/v1/analytics")
@Tag(name = "Analytics")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class AnalyticsResource implements AdminApi {

    private static final String FROM = "start (inclusive): a date (midnight in tz) or an ISO-8601 instant; default 30 days before to";
    private static final String TO = "end (exclusive): a date or an ISO-8601 instant; default the end of today in tz";
    private static final String TZ = "IANA time zone, default UTC";
    private static final String BAD = "A parameter is not valid; errors[].field names it";

    private final TrendService trends;
    private final EventStatisticsService statistics;
    private final FunnelService funnels;
    private final RetentionService retention;
    private final CurrentWorkspace current;

    public AnalyticsResource(TrendService trends, EventStatisticsService statistics, FunnelService funnels, RetentionService retention,
                             CurrentWorkspace current) {
        this.trends = trends;
        this.statistics = statistics;
        this.funnels = funnels;
        this.retention = retention;
        this.current = current;
    }

    @GET
    @Path("trends")
    @Operation(summary = "Per event, its count or distinct customers per hour, day, week (from Monday) or month in tz, zero-filled")
    @APIResponse(responseCode = "200", description = "One series per event (and the previous period's with compare=previous)")
    @APIResponse(responseCode = "400", description = BAD)
    public Uni<AnalyticsViews.Trends> trends(
            @Parameter(description = "1 to 10 event names, comma-separated", example = "login,feature_used") @QueryParam("events") String events,
            @Parameter(description = FROM, example = "2026-10-19") @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-10-26") @QueryParam("to") String to,
            @Parameter(description = "hour, day (default), week or month; at most xoal.analytics.max-buckets buckets", example = "day")
            @QueryParam("interval") String interval,
            @Parameter(description = "total (events, default) or uniques (distinct customers)", example = "uniques") @QueryParam("measure") String measure,
            @Parameter(description = TZ, example = "Europe/Berlin") @QueryParam("tz") String tz,
            @Parameter(description = "previous: also the period of equal length just before", example = "previous") @QueryParam("compare") String compare) {
        return trends.trends(current.id(), events, from, to, interval, measure, tz, compare);
    }

    @GET
    @Path("top-events")
    @Operation(summary = "The most frequent event names of a range, with their counts and distinct customers")
    @APIResponse(responseCode = "200", description = "Event names, most frequent first")
    @APIResponse(responseCode = "400", description = BAD)
    public Uni<AnalyticsViews.TopEvents> topEvents(@Parameter(description = FROM, example = "2026-10-01") @QueryParam("from") String from,
                                                   @Parameter(description = TO, example = "2026-11-01") @QueryParam("to") String to,
                                                   @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
                                                   @Parameter(description = TZ) @QueryParam("tz") String tz) {
        return statistics.top(current.id(), from, to, limit, tz);
    }

    @GET
    @Path("frequency")
    @Operation(summary = "How many customers did an event 1, 2–5, 6–20 and 21+ times in a range")
    @APIResponse(responseCode = "200", description = "The distribution")
    @APIResponse(responseCode = "400", description = BAD)
    public Uni<AnalyticsViews.Frequency> frequency(@Parameter(description = "event name", example = "login") @QueryParam("event") String event,
                                                   @Parameter(description = FROM, example = "2026-10-01") @QueryParam("from") String from,
                                                   @Parameter(description = TO, example = "2026-11-01") @QueryParam("to") String to,
                                                   @Parameter(description = TZ) @QueryParam("tz") String tz) {
        return statistics.frequency(current.id(), event, from, to, tz);
    }

    @GET
    @Path("stickiness")
    @Operation(summary = "Stickiness of an event (DAU/MAU): average daily distinct customers ÷ distinct customers over the range, and the daily series")
    @APIResponse(responseCode = "200", description = "The ratio and the daily uniques in tz")
    @APIResponse(responseCode = "400", description = BAD)
    public Uni<AnalyticsViews.Stickiness> stickiness(@Parameter(description = "event name", example = "login") @QueryParam("event") String event,
                                                     @Parameter(description = FROM, example = "2026-10-01") @QueryParam("from") String from,
                                                     @Parameter(description = TO, example = "2026-11-01") @QueryParam("to") String to,
                                                     @Parameter(description = TZ, example = "Europe/Berlin") @QueryParam("tz") String tz) {
        return statistics.stickiness(current.id(), event, from, to, tz);
    }

    @POST
    @Path("funnels")
    @Operation(summary = "An ordered funnel: per step the customers who reached it, conversion and median time from the previous step")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "Sign-up to upgrade in 7 days", value = AnalyticsExamples.FUNNEL)))
    @APIResponse(responseCode = "200", description = "The steps")
    @APIResponse(responseCode = "400", description = "The funnel is not valid; errors[].field is the JSON pointer of each mistake")
    @APIResponse(responseCode = "422", description = "The read took longer than xoal.analytics.read-timeout")
    public Uni<AnalyticsViews.Funnel> funnel(@NotNull FunnelInput body) {
        return funnels.funnel(current.id(), body);
    }

    @POST
    @Path("retention")
    @Operation(summary = "A retention grid: cohorts by first (or every) cohort event per interval, and how many came back in each interval after")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "Weekly retention of sign-ups", value = AnalyticsExamples.RETENTION)))
    @APIResponse(responseCode = "200", description = "The cohorts, oldest first")
    @APIResponse(responseCode = "400", description = "A field is not valid; errors[].field is its JSON pointer")
    public Uni<AnalyticsViews.Retention> retention(@NotNull RetentionInput body) {
        return retention.retention(current.id(), body);
    }
}
