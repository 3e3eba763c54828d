package io.xoal.events.web.segment;

import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a segment form was not saved, sorted to the field each error belongs next to (by its JSON
 * pointer); a name that is taken (409) belongs to the name, anything without a field to the form.
 */
public record FormErrors(List<FieldError> name, List<FieldError> description, List<FieldError> definition, List<String> general) {

    static FormErrors of(ProblemException problem) {
        List<FieldError> name = new ArrayList<>();
        List<FieldError> description = new ArrayList<>();
        List<FieldError> definition = new ArrayList<>();
        List<String> general = new ArrayList<>();
        for (FieldError error : problem.errors()) {
            String field = error.field() == null ? "" : error.field();
            if (field.equals("/name")) {
                name.add(error);
            } else if (field.equals("/description")) {
                description.add(error);
            } else if (field.startsWith(DefinitionText.FIELD)) {
                definition.add(error);
            } else {
                general.add(field + " " + error.message());
            }
        }
        if (problem.errors().isEmpty() && problem.status() == 409) {
            name.add(new FieldError("/name", problem.getMessage()));
        } else if (problem.errors().isEmpty()) {
            general.add(problem.getMessage());
        }
        return new FormErrors(List.copyOf(name), List.copyOf(description), List.copyOf(definition), List.copyOf(general));
    }
}
