package io.xoal.events.web.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.Segment;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.SegmentViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The editor's form: filled from an example or a segment, and read back into the API's own
 * {@link SegmentViews.SegmentInput} with the same Bean Validation the API applies, so that a form
 * and a {@code POST /v1/segments} are refused for the same reasons.
 */
@ApplicationScoped
public class SegmentForms {

    private final DefinitionText text;
    private final SegmentService segments;
    private final Validator validator;

    public SegmentForms(DefinitionText text, SegmentService segments, Validator validator) {
        this.text = text;
        this.segments = segments;
        this.validator = validator;
    }

    /** What the editor's fields hold; {@code id} is null for a new segment. */
    public record Form(Long id, String name, String description, String definition) {

        static Form of(DefinitionExamples.Example example) {
            return new Form(null, "", "", example.definition());
        }
    }

    Form of(Segment segment) {
        return new Form(segment.id, segment.name, segment.description == null ? "" : segment.description,
                text.pretty(segments.definition(segment)));
    }

    JsonNode definition(String typed) {
        return text.parse(typed);
    }

    /** The input to save; a 400 problem listing every field's errors (name, description, JSON) at once. */
    SegmentViews.SegmentInput input(String name, String description, String definition, String status) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode parsed = null;
        try {
            parsed = text.parse(definition);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        SegmentViews.SegmentInput input = new SegmentViews.SegmentInput(name == null ? null : name.trim(),
                description == null || description.isBlank() ? null : description.trim(), parsed, status);
        validator.validate(input).stream()
                .filter(v -> !"definition".equals(v.getPropertyPath().toString()))
                .map(v -> new FieldError("/" + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The segment is not valid", errors);
        }
        return input;
    }
}
