package io.xoal.events.web.segment;

import io.xoal.events.error.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * HTML responses of the segment pages: a page or fragment, or a problem (no such segment, a bad
 * cursor) as a page with its status rather than JSON.
 */
final class PageResponses {

    private PageResponses() {
    }

    static Response problem(ProblemException problem) {
        return Response.status(problem.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(SegmentPages.Templates.problem(problem.status(), problem.title(), problem.getMessage()))
                .build();
    }

    static Response html(Object entity) {
        return Response.ok(entity).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
