package io.xoal.events.web.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.analytics.FunnelInput;
import io.xoal.events.analytics.FunnelService;
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

/**
 * The funnel tab: 2 to 5 ordered steps, each an event with an optional property equal to a value
 * (the simple form of the API's {@code where}), a conversion window, an exclusion event, a range.
 */
@Path("/analytics/funnel")
@Produces(MediaType.TEXT_HTML)
public class FunnelPage implements DashboardPage {

    /** Step fields the form offers (the API takes up to 10). */
    static final int FIELDS = 5;

    private final FunnelService funnels;
    private final WorkspaceActivity activity;
    private final SignedIn signedIn;
    private final ObjectMapper mapper;

    public FunnelPage(FunnelService funnels, WorkspaceActivity activity, SignedIn signedIn, ObjectMapper mapper) {
        this.funnels = funnels;
        this.activity = activity;
        this.signedIn = signedIn;
        this.mapper = mapper;
    }

    /** One step's fields (numbered from 1 for labels and ids). */
    public record StepField(int number, String event, String property, String value) {
    }

    /** A step of the answer, as the page shows it. */
    public record StepBar(int number, String event, long entered, String converted, String fromFirst, String fromPrevious,
                          String median, String width) {
    }

    public record View(AnalyticsForm range, List<StepField> steps, String window, String unit, String exclude, String tz,
                       List<StepBar> bars, String error, String emptyCurl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance funnel(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> funnel(@QueryParam("step") List<String> steps, @QueryParam("property") List<String> properties,
                                        @QueryParam("value") List<String> values, @QueryParam("window") String window,
                                        @QueryParam("unit") String unit, @QueryParam("exclude") String exclude,
                                        @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz,
                                        @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        AnalyticsForm range = new AnalyticsForm(from, to, tz);
        List<StepField> fields = new ArrayList<>();
        for (int i = 0; i < FIELDS; i++) {
            fields.add(new StepField(i + 1, at(steps, i), at(properties, i), at(values, i)));
        }
        String length = AnalyticsForm.blank(window) ? "14" : window.trim();
        String per = AnalyticsForm.blank(unit) ? "days" : unit;
        String excluded = exclude == null ? "" : exclude;
        return activity.hasEvents(workspace).chain(has -> {
            if (!has) {
                return Uni.createFrom().item(Templates.funnel(new View(range, fields, length, per, excluded, range.zone(), List.of(),
                        null, AnalyticsForm.ingestCurl(uri.getBaseUri()))));
            }
            if (steps == null || steps.isEmpty()) {
                return Uni.createFrom().item(Templates.funnel(new View(range, fields, length, per, excluded, range.zone(), List.of(),
                        null, null)));
            }
            return PageAnswer.of(() -> funnels.funnel(workspace, input(fields, length, per, excluded, from, to, tz)))
                    .map(answer -> Templates.funnel(answer.failed()
                            ? new View(range, fields, length, per, excluded, range.zone(), List.of(), answer.error(), null)
                            : new View(range.answered(answer.value().from(), answer.value().to(), answer.value().tz()), fields, length,
                                    per, excluded, answer.value().tz(), bars(answer.value()), null, null)));
        });
    }

    private FunnelInput input(List<StepField> fields, String length, String per, String exclude, String from, String to, String tz) {
        List<FunnelInput.StepInput> steps = fields.stream().filter(f -> !f.event().isBlank())
                .map(f -> new FunnelInput.StepInput(f.event().trim(), where(f))).toList();
        long units;
        try {
            units = Long.parseLong(length);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("/window", "must be a whole number of " + per);
        }
        FunnelInput.WindowInput window = switch (per) {
            case "days" -> new FunnelInput.WindowInput(units, null, null);
            case "hours" -> new FunnelInput.WindowInput(null, units, null);
            case "minutes" -> new FunnelInput.WindowInput(null, null, units);
            default -> throw ProblemException.invalidField("/window", "unit must be days, hours or minutes");
        };
        FunnelInput.StepInput excluded = exclude.isBlank() ? null : new FunnelInput.StepInput(exclude.trim(), null);
        return new FunnelInput(steps, window, excluded, from, to, tz);
    }

    /** A property equal to a text value, or no filter. */
    private JsonNode where(StepField field) {
        if (field.property().isBlank()) {
            return null;
        }
        return mapper.createArrayNode().add(mapper.createObjectNode().put("property", field.property().trim())
                .put("type", "string").put("op", "eq").put("value", field.value()));
    }

    private static List<StepBar> bars(AnalyticsViews.Funnel funnel) {
        return funnel.steps().stream().map(s -> new StepBar(s.step() + 1, s.event(), s.entered(),
                s.converted() == null ? "–" : String.valueOf(s.converted()), s.conversionFromFirst() + " %",
                s.conversionFromPrevious() + " %", s.step() == 0 ? "–" : TimeLabels.duration(s.medianSecondsFromPrevious()),
                String.valueOf(s.conversionFromFirst()))).toList();
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }
}
