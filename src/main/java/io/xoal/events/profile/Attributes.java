package io.xoal.events.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Custom attributes of profiles: bounded like event properties, merged key by key (null removes a key). */
@ApplicationScoped
public class Attributes {

    private final ObjectMapper mapper;
    private final JsonBounds bounds = new JsonBounds(8, 8192, 256);

    public Attributes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Merges {@code changes} into {@code target}; 400 naming the field if a value is out of bounds. */
    public void merge(Map<String, Object> target, Map<String, Object> changes) {
        if (changes == null) {
            return;
        }
        JsonNode node = mapper.valueToTree(changes);
        List<FieldError> errors = new ArrayList<>();
        bounds.check(node, "/attributes", 0, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The attributes are not valid", errors);
        }
        changes.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else {
                target.put(key, value);
            }
        });
    }

    /** A one-key JSON object for containment search ({@code key:value}); the value is matched as text. */
    public String containment(String keyValue) {
        int colon = keyValue == null ? -1 : keyValue.indexOf(':');
        if (colon <= 0) {
            throw ProblemException.invalidField("/attribute", "must be key:value, e.g. plan:pro");
        }
        return mapper.createObjectNode().put(keyValue.substring(0, colon), keyValue.substring(colon + 1)).toString();
    }
}
