package io.xoal.events.event;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Page;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Events tab: the workspace's latest events, newest first. */
@Path("/v1/events")
@Tag(name = "Events")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class EventFeedResource implements AdminApi {

    private final EventFeedService feed;
    private final RejectionFeedService rejections;
    private final CurrentWorkspace current;

    public EventFeedResource(EventFeedService feed, RejectionFeedService rejections, CurrentWorkspace current) {
        this.feed = feed;
        this.rejections = rejections;
        this.current = current;
    }

    @GET
    @Operation(summary = "Latest received events, newest first (at most 1,000 a page; next_cursor pages on)")
    public Uni<Page<EventView>> list(@QueryParam("name") String name,
                                     @Parameter(description = "customer, company or object") @QueryParam("subject_type") String subjectType,
                                     @Parameter(description = "external id of the subject") @QueryParam("subject_id") String subjectId,
                                     @QueryParam("object_type") String objectType,
                                     @Parameter(description = "occurred at or after (ISO-8601)") @QueryParam("from") String from,
                                     @Parameter(description = "occurred before (ISO-8601)") @QueryParam("to") String to,
                                     @QueryParam("cursor") String cursor,
                                     @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") Integer limit) {
        return feed.feed(current.id(), FeedQuery.of(name, from, to, cursor, limit), subjectType, subjectId, objectType);
    }

    @GET
    @Path("rejected")
    @Operation(summary = "Items sent but not stored (invalid or too large), newest first, with why; kept for the dedup window (xoal.ingest.dedup-window, 30 days by default)")
    public Uni<Page<RejectedItem>> rejected(@QueryParam("cursor") String cursor,
                                            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") Integer limit) {
        return rejections.list(current.id(), cursor, limit);
    }
}
