package io.xoal.events.workflow.email;

import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The unsubscribe link of workflow emails. No key: the signed token is the authentication. GET
 * shows a confirmation page with a form; POST (the form, or a mail client's RFC 8058 one-click
 * {@code List-Unsubscribe=One-Click}) sets the customer's {@code unsubscribed} attribute.
 */
@Path("/email/unsubscribe/{token}")
@Tag(name = "Email")
@Produces(MediaType.TEXT_HTML)
@APIResponse(responseCode = "400", description = "The token is not one this service signed")
public class UnsubscribeResource {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
            <body><h1>Unsubscribe</h1><p>Stop receiving these emails?</p>
            <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button></form></body></html>
            """;
    private static final String DONE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Unsubscribed</title></head>
            <body><h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p></body></html>
            """;

    private final UnsubscribeTokens tokens;
    private final Unsubscriptions unsubscriptions;

    public UnsubscribeResource(UnsubscribeTokens tokens, Unsubscriptions unsubscriptions) {
        this.tokens = tokens;
        this.unsubscriptions = unsubscriptions;
    }

    @GET
    @Operation(summary = "The confirmation page of an unsubscribe link: a form that POSTs to the same URL")
    @APIResponse(responseCode = "200", description = "The page")
    public String page(@PathParam("token") String token) {
        subject(token);
        return PAGE;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unsubscribe (RFC 8058 one-click): sets the customer's custom attribute unsubscribed to true")
    @APIResponse(responseCode = "200", description = "Unsubscribed (again, if they already were)")
    @APIResponse(responseCode = "404", description = "The customer is gone")
    public Uni<String> unsubscribe(@PathParam("token") String token) {
        return unsubscriptions.unsubscribe(subject(token))
                .map(found -> {
                    if (!found) {
                        throw ProblemException.notFound("The customer of this unsubscribe link no longer exists");
                    }
                    return DONE;
                });
    }

    private UnsubscribeTokens.Subject subject(String token) {
        UnsubscribeTokens.Subject subject = tokens.verify(token);
        if (subject == null) {
            throw ProblemException.invalidField("/token", "is not a valid unsubscribe link");
        }
        return subject;
    }
}
