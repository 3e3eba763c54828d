package io.xoal.events.web.segment;

import io.xoal.events.error.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A problem met while building a page (no such segment, a bad cursor) shown as a page with its status, not as JSON. */
final class PageProblems {

    private PageProblems() {
    }

    static Response page(ProblemException problem) {
        return Response.status(problem.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(SegmentPages.Templates.problem(problem.status(), problem.title(), problem.getMessage()))
                .build();
    }

    static Response ok(Object entity) {
        return Response.ok(entity).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
