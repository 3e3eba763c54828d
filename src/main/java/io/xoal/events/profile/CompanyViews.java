package io.xoal.events.profile;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** Request and response bodies of the company and custom object endpoints. */
public final class CompanyViews {

    private CompanyViews() {
    }

    @Schema(description = "Attributes to set; a null custom attribute is removed",
            example = "{\"name\": \"Acme Inc.\", \"attributes\": {\"plan\": \"enterprise\", \"seats\": 40}}")
    public record CompanyInput(@Size(max = 200) String name, Map<String, Object> attributes) {
    }

    @Schema(description = "A company")
    public record CompanyView(String id, String name, Map<String, Object> attributes, Instant createdAt, Instant lastActive) {
        static CompanyView of(Company c) {
            return new CompanyView(c.externalId, c.name, c.attributes, c.createdAt, c.lastActive);
        }
    }

    @Schema(description = "Attributes to set; a null attribute is removed",
            example = "{\"attributes\": {\"title\": \"Intro to SQL\", \"lessons\": 12}}")
    public record ObjectInput(Map<String, Object> attributes) {
    }

    @Schema(description = "A custom object")
    public record ObjectView(String type, String id, Map<String, Object> attributes, Instant createdAt, Instant lastActive) {
        static ObjectView of(CustomObject o) {
            return new ObjectView(o.objectType, o.externalId, o.attributes, o.createdAt, o.lastActive);
        }
    }
}
