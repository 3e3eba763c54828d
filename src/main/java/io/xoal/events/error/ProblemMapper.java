package io.xoal.events.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The one table from exceptions to problem documents: no stack trace ever reaches a client. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.type(), e.status(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(pointer(v), v.getMessage()))
                .toList();
        return respond(400, "Bad Request", "The request is not valid", uri, errors).build();
    }

    /** Quarkus maps this one itself unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? pointer(m) : "";
        String message = e instanceof InvalidFormatException f
                ? "has the wrong type or format: " + f.getValue()
                : e instanceof UnrecognizedPropertyException ? "is not a known field" : e.getOriginalMessage();
        return respond(400, "Bad Request", "The body is not valid JSON for this request", uri,
                List.of(new FieldError(field, message))).build();
    }

    /** Two writers created the same row at once (e.g. a PUT racing an ingest): safe to retry. */
    @ServerExceptionMapper
    public Response conflict(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return respond(409, "Conflict", "The row was changed concurrently; retry the request", uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        InvalidParameterException parameter = parameterProblem(e);
        if (parameter != null) {
            return problem(parameter.problem(), uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        return respond(status, type.getReasonPhrase(), e.getMessage(), uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return respond(500, "Internal Server Error", "An unexpected error occurred", uri, List.of()).build();
    }

    /** The unreadable parameter behind a JAX-RS exception (the framework may wrap it), or null. */
    private static InvalidParameterException parameterProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidParameterException p) {
                return p;
            }
        }
        return null;
    }

    private static Response.ResponseBuilder respond(int status, String title, String detail, UriInfo uri,
                                                    List<FieldError> errors) {
        return respond(String.valueOf(status), status, title, detail, uri, errors);
    }

    private static Response.ResponseBuilder respond(String type, int status, String title, String detail, UriInfo uri,
                                                    List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://xoal.io/problems/" + type, title, status, detail, uri.getPath(), errors));
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            out.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return out.toString();
    }

    private static String pointer(ConstraintViolation<?> violation) {
        // "upsert.body.email" -> "/email": drop the method and parameter names.
        String[] parts = violation.getPropertyPath().toString().split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < parts.length; i++) {
            out.append('/').append(toSnakeCase(parts[i]));
        }
        return out.isEmpty() ? "/" + parts[parts.length - 1] : out.toString();
    }

    private static String toSnakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
