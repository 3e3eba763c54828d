package io.xoal.events.profile;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the customer endpoints (Xoal's attribute names). */
public final class CustomerViews {

    private CustomerViews() {
    }

    @Schema(description = "Attributes to set; absent ones are left as they are, a null custom attribute is removed",
            example = "{\"email\": \"ada@example.com\", \"first_name\": \"Ada\", \"language\": \"English\", "
                    + "\"timezone\": \"Europe/London\", \"attributes\": {\"plan\": \"pro\"}, \"tags\": [\"VIP\"]}")
    public record CustomerInput(
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "unidentified|lead|user", message = "must be unidentified, lead or user") String contactType,
            @Size(max = 200) String firstName,
            @Size(max = 200) String lastName,
            @Size(max = 50) String phone,
            @Schema(description = "A language name such as English, not a code") @Size(max = 100) String language,
            @Schema(description = "An IANA time zone such as Europe/Paris") @Size(max = 100) String timezone,
            Instant joinedDate,
            @Schema(description = "Overrides the value computed from events") Instant lastActive,
            Map<String, Object> attributes,
            @Schema(description = "Replaces the tags when given") @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags) {
    }

    @Schema(description = "Tags to add", example = "{\"tags\": [\"VIP\", \"Prospects\"]}")
    public record TagsInput(@Size(min = 1, max = 100) List<@NotBlank @Size(max = 100) String> tags) {
    }

    @Schema(description = "A customer")
    public record CustomerView(long usid, String id, String email, String contactType, String firstName, String lastName,
                               String phone, String language, String timezone, Instant createdAt, Instant joinedDate,
                               Instant lastActive, String addedVia, Map<String, Object> attributes, List<String> tags) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.usid, c.externalId, c.email, c.contactType, c.firstName, c.lastName, c.phone,
                    c.language, c.timezone, c.createdAt, c.joinedDate, c.lastActive, c.addedVia, c.attributes, List.of(c.tags));
        }
    }

    @Schema(description = "The companies and custom objects the customer is related to")
    public record RelationshipsView(List<CompanyViews.CompanyView> companies, List<CompanyViews.ObjectView> objects) {
    }
}
