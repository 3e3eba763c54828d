package io.xoal.events.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * Signing in to the dashboard with an admin key (posted in a form, never in a URL).
 * The sign-in form is itself protected against cross-site posts: its cookie and hidden field must
 * carry the same random value (the cookie is SameSite=Strict, so another site's post has none).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private static final String SIGN_IN_COOKIE = "xoal_signin";

    private final DashboardSessions sessions;
    private final DashboardConfig config;

    public SignInResource(DashboardSessions sessions, DashboardConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String formToken, String error);
    }

    @GET
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/events")).build();
    }

    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public Response form() {
        return form(200, null);
    }

    @POST
    @Path("sign-in")
    @Operation(hidden = true)
    public Uni<Response> signIn(@FormParam("key") String key, @FormParam("form_token") String formToken,
                                @CookieParam(SIGN_IN_COOKIE) String cookieToken) {
        if (cookieToken == null || !DashboardSessions.sameToken(formToken, cookieToken)) {
            return Uni.createFrom().item(form(403, "The sign-in form expired or came from another site; try again."));
        }
        if (key == null || key.isBlank()) {
            return Uni.createFrom().item(form(400, "Enter an admin key (adm_…)."));
        }
        return sessions.signIn(key.trim())
                .map(session -> session == null
                        ? form(401, "That key is unknown, revoked or not an admin key (adm_…).")
                        : Response.seeOther(URI.create("/events"))
                                .cookie(SessionCookies.of(config, SessionFilter.COOKIE, session.token(), "/",
                                                (int) config.sessionTtl().toSeconds()),
                                        SessionCookies.of(config, SIGN_IN_COOKIE, "", "/sign-in", 0))
                                .build());
    }

    private Response form(int status, String error) {
        String formToken = DashboardSessions.randomToken();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.signIn(formToken, error))
                .cookie(SessionCookies.of(config, SIGN_IN_COOKIE, formToken, "/sign-in", 600))
                .build();
    }
}
