package io.xoal.events.error;

import jakarta.ws.rs.BadRequestException;

import java.util.List;

/**
 * A path or query parameter that cannot be read. It is a {@link BadRequestException} so that
 * JAX-RS passes it on instead of turning the failed conversion into a 404.
 */
public class InvalidParameterException extends BadRequestException {

    private final transient ProblemException problem;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.problem = ProblemException.badRequest("The parameter " + parameter + " " + message,
                List.of(new FieldError("/" + parameter, message)));
    }

    public ProblemException problem() {
        return problem;
    }
}
