package io.xoal.events.ingest.segment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.workspace.KeyAuthenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The settings Segment's browser SDK (analytics.js / analytics-next) loads before it sends
 * anything: they tell it to send to this service ({@code apiHost}) and nowhere else. Point the
 * SDK's {@code cdnURL} and {@code apiHost} here. Served for browser keys, and still for ingestion
 * keys so that pages set up before browser keys keep working (they should move to a browser key).
 */
@Path("/v1/projects")
@Tag(name = "Segment HTTP API")
public class SegmentSettingsResource {

    private final KeyAuthenticator keys;

    public SegmentSettingsResource(KeyAuthenticator keys) {
        this.keys = keys;
    }

    @GET
    @Path("{writeKey}/settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Browser SDK settings for a browser key (pub_…; an ingestion key still works)")
    @APIResponse(responseCode = "200", description = "Settings that send every call to this service")
    @APIResponse(responseCode = "404", description = "No such browser or ingestion key")
    public Uni<ObjectNode> settings(@PathParam("writeKey") String writeKey, @Context UriInfo uri) {
        return keys.writeKey(writeKey)
                .onFailure(ProblemException.class)
                .transform(e -> ProblemException.notFound("No browser or ingestion key " + writeKey))
                .map(workspace -> settings(writeKey, uri.getBaseUri().getAuthority(), uri.getBaseUri().getScheme()));
    }

    private static ObjectNode settings(String writeKey, String authority, String scheme) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode segment = root.putObject("integrations").putObject("Segment.io");
        segment.put("apiKey", writeKey);
        segment.put("apiHost", authority + "/v1");
        segment.put("protocol", scheme);
        segment.putArray("unbundledIntegrations");
        segment.put("addBundledMetadata", false);
        ObjectNode plan = root.putObject("plan");
        plan.putObject("track").putObject("__default").put("enabled", true).putObject("integrations");
        plan.putObject("identify").putObject("__default").put("enabled", true);
        plan.putObject("group").putObject("__default").put("enabled", true);
        root.putObject("edgeFunction");
        root.put("analyticsNextEnabled", true);
        root.putObject("middlewareSettings");
        root.putObject("enabledMiddleware");
        root.putObject("metrics").put("sampleRate", 0);
        root.put("legacyVideoPluginsEnabled", false);
        root.putArray("remotePlugins");
        return root;
    }
}
