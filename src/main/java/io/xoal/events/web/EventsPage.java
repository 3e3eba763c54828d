package io.xoal.events.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.event.EventFeedService;
import io.xoal.events.event.EventView;
import io.xoal.events.event.FeedQuery;
import io.xoal.events.event.RejectedItem;
import io.xoal.events.event.RejectionFeedService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.util.List;

/**
 * The Events tab: the workspace's last 1,000 events, newest first, live (new ones arrive over SSE
 * from this replica's {@link LiveFeed}), filtered by name, customer and time; one event's full
 * JSON; and the items that were rejected, with their errors.
 */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
public class EventsPage implements DashboardPage {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Rows in the page itself; the rest of the 1,000 follow in one request once it is shown (first paint). */
    private static final int FIRST_ROWS = 100;

    private final EventFeedService feed;
    private final RejectionFeedService rejections;
    private final LiveFeed live;
    private final SignedIn signedIn;
    private final FirstSteps firstSteps;
    private final ObjectMapper mapper;

    public EventsPage(EventFeedService feed, RejectionFeedService rejections, LiveFeed live, SignedIn signedIn,
                      FirstSteps firstSteps, ObjectMapper mapper) {
        this.feed = feed;
        this.rejections = rejections;
        this.live = live;
        this.signedIn = signedIn;
        this.firstSteps = firstSteps;
        this.mapper = mapper;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance events(EventFilter filter, List<EventView> events, String nextCursor, long newest,
                                              FirstSteps.Hint hint, String error);

        static native TemplateInstance rows(List<EventView> events, boolean more);

        static native TemplateInstance events$row(EventView event);

        static native TemplateInstance detail(EventView event, String json);

        static native TemplateInstance rejected(List<RejectedItem> items, String nextCursor);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> events(@QueryParam("name") String name, @QueryParam("customer") String customer,
                                        @QueryParam("from") String from, @QueryParam("to") String to,
                                        @Context UriInfo uri) {
        EventFilter filter = new EventFilter(name, customer, from, to);
        long workspace = signedIn.workspaceId();
        FeedQuery query;
        try {
            query = filter.query(Long.MAX_VALUE, FIRST_ROWS);
        } catch (ProblemException e) {
            return Uni.createFrom().item(Templates.events(filter, List.of(), null, 0, null, e.getMessage()));
        }
        return feed.feed(workspace, query, filter.customer() == null ? null : "customer", filter.customer(), null)
                .flatMap(page -> {
                    List<EventView> events = page.items();
                    long newest = events.isEmpty() ? 0 : events.get(0).id();
                    Uni<FirstSteps.Hint> hint = events.isEmpty() && filter.isEmpty()
                            ? firstSteps.of(workspace, uri.getBaseUri())
                            : Uni.createFrom().nullItem();
                    return hint.map(h -> Templates.events(filter, events, page.nextCursor(), newest, h, null));
                });
    }

    /** The older rows of the 1,000, below {@code before}; loaded by the page right after it is shown. */
    @GET
    @Path("rows")
    @Operation(hidden = true)
    public Uni<TemplateInstance> rows(@QueryParam("before") long before, @QueryParam("name") String name,
                                      @QueryParam("customer") String customer, @QueryParam("from") String from,
                                      @QueryParam("to") String to) {
        EventFilter filter = new EventFilter(name, customer, from, to);
        FeedQuery query = filter.query(before, FeedQuery.MAX_LIMIT - FIRST_ROWS);
        return feed.feed(signedIn.workspaceId(), query, filter.customer() == null ? null : "customer", filter.customer(), null)
                .map(page -> Templates.rows(page.items(), page.nextCursor() != null));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Multi<OutboundSseEvent> stream(@QueryParam("name") String name, @QueryParam("customer") String customer,
                                          @QueryParam("from") String from, @QueryParam("after") long after,
                                          @Context Sse sse) {
        EventFilter filter = new EventFilter(name, customer, from, null);
        filter.query(Long.MAX_VALUE, 1);
        Multi<OutboundSseEvent> rows = live.follow(signedIn.workspaceId(), after)
                .filter(filter::matches)
                .map(event -> sse.newEventBuilder()
                        .name("row")
                        .mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(String.class, Templates.events$row(event).render().replace('\n', ' '))
                        .build());
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().name("ping").data(String.class, "").build());
        return Multi.createBy().merging().streams(rows, pings);
    }

    @GET
    @Path("{id:\\d+}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> detail(@PathParam("id") long id) {
        return feed.one(signedIn.workspaceId(), id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No event " + id + " in this workspace"))
                .map(event -> Templates.detail(event, prettyJson(event)));
    }

    @GET
    @Path("rejected")
    @Operation(hidden = true)
    public Uni<TemplateInstance> rejected(@QueryParam("cursor") String cursor) {
        return rejections.list(signedIn.workspaceId(), cursor, 200)
                .map(page -> Templates.rejected(page.items(), page.nextCursor()));
    }

    private String prettyJson(EventView event) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
