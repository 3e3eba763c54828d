package io.xoal.events.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xoal.events.error.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A dashboard page for something the workspace does not have: a 404 in the layout, not a problem document. */
public final class NotFoundPage {

    private NotFoundPage() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notFound(String message);
    }

    /** The 404 page when {@code failure} is a 404 problem; otherwise {@code failure} itself, unchanged. */
    public static Response orFail(Throwable failure) {
        if (failure instanceof ProblemException p && p.status() == 404) {
            return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.notFound(p.getMessage())).build();
        }
        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }
}
