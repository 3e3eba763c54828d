package io.xoal.events.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Maps Stripe events: a succeeded payment ({@code payment_intent.succeeded}, {@code charge.succeeded},
 * {@code invoice.paid}) to {@code payment_made}, a subscription that starts, grows, shrinks or ends
 * to {@code upgraded} / {@code downgraded}. The customer is the Stripe customer's
 * {@code metadata.user_id}, else its e-mail; the Stripe customer id is linked to them, so later
 * events that carry only that id find them.
 */
final class StripeEvents {

    private static final Set<String> PAYMENTS = Set.of("payment_intent.succeeded", "charge.succeeded", "invoice.paid");
    private static final Set<String> SUBSCRIPTIONS = Set.of(
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted");
    /** Currencies Stripe counts in whole units (its docs' list of zero-decimal currencies). */
    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
            "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration MAX_AHEAD = Duration.ofDays(1);

    private StripeEvents() {
    }

    /**
     * Whether Xoal records this event: a payment, or a subscription change that moves its amount.
     * Others are acknowledged and ignored so that Stripe does not retry them.
     */
    static boolean handles(JsonNode event) {
        String type = event.path("type").asText();
        return PAYMENTS.contains(type) || SUBSCRIPTIONS.contains(type) && subscriptionChange(type,
                event.path("data").path("object"), event.path("data").path("previous_attributes"),
                JsonNodeFactory.instance.objectNode()) != null;
    }

    /** The event, or null with {@code errors} when it names no customer. */
    static Envelope map(JsonNode event, long workspaceId, Instant receivedAt, List<FieldError> errors) {
        String type = event.path("type").asText();
        JsonNode object = event.path("data").path("object");
        String eventId = event.path("id").asText(null);
        if (eventId == null || !object.isObject()) {
            errors.add(new FieldError(eventId == null ? "/id" : "/data/object", "is required"));
            return null;
        }
        Instant occurredAt = created(event.path("created"), receivedAt, errors);
        if (occurredAt == null) {
            return null;
        }
        ObjectNode properties = JsonNodeFactory.instance.objectNode()
                .put("stripe_event_id", eventId)
                .put("stripe_event_type", type);
        String name;
        String messageId;
        if (PAYMENTS.contains(type)) {
            name = "payment_made";
            long minor = object.has("amount_received") ? object.path("amount_received").asLong()
                    : object.has("amount_paid") ? object.path("amount_paid").asLong() : object.path("amount").asLong();
            amount(properties, "amount", minor, object.path("currency").asText(""));
            String intent = "payment_intent".equals(object.path("object").asText()) ? object.path("id").asText()
                    : object.path("payment_intent").asText(null);
            properties.put("payment_intent", intent);
            properties.put("stripe_object_id", object.path("id").asText());
            // The three events of one payment share its PaymentIntent: it is recorded once.
            messageId = "stripe:" + (intent != null ? intent : eventId);
        } else {
            name = subscriptionChange(type, object, event.path("data").path("previous_attributes"), properties);
            messageId = "stripe:" + eventId;
        }
        Subject subject = subject(object);
        String stripeCustomer = customerId(object);
        if (subject == null) {
            errors.add(new FieldError("/data/object/customer", "names no customer: no metadata.user_id, e-mail or customer id"));
            return null;
        }
        if (stripeCustomer != null) {
            properties.put("stripe_customer", stripeCustomer);
        }
        ProfileChange link = stripeCustomer != null && subject.alias() == null
                ? new ProfileChange(null, List.of(), null, false, "stripe:" + stripeCustomer, false) : ProfileChange.NONE;
        return new Envelope(workspaceId, messageId, Envelope.Action.TRACK, name, subject, properties.toString(),
                occurredAt, receivedAt, "stripe", link);
    }

    /** When the event happened: its {@code created} (Unix seconds, 2000 to a day ahead), or receipt time without one. */
    private static Instant created(JsonNode created, Instant receivedAt, List<FieldError> errors) {
        if (created.isMissingNode() || created.isNull()) {
            return receivedAt;
        }
        long seconds = created.canConvertToLong() ? created.asLong() : -1;
        if (seconds < EARLIEST.getEpochSecond() || seconds > receivedAt.plus(MAX_AHEAD).getEpochSecond()) {
            errors.add(new FieldError("/created", "must be Unix seconds between " + EARLIEST + " and a day from now"));
            return null;
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** upgraded / downgraded by the recurring amount before and after, or null when it did not move. */
    private static String subscriptionChange(String type, JsonNode subscription, JsonNode previous, ObjectNode properties) {
        long now = "customer.subscription.deleted".equals(type) ? 0 : recurring(subscription);
        long before = switch (type) {
            case "customer.subscription.created" -> 0;
            case "customer.subscription.deleted" -> recurring(subscription);
            default -> previous.isObject() && (previous.has("items") || previous.has("plan") || previous.has("quantity"))
                    ? recurring(merge(subscription, previous)) : now;
        };
        if (now == before) {
            return null;
        }
        String currency = subscription.path("currency").asText(subscription.path("plan").path("currency").asText(""));
        amount(properties, "amount", now, currency);
        amount(properties, "previous_amount", before, currency);
        JsonNode price = subscription.path("items").path("data").path(0).path("price");
        properties.put("plan", price.path("nickname").asText(price.path("id").asText(subscription.path("plan").path("id").asText(null))));
        properties.put("subscription", subscription.path("id").asText());
        return now > before ? "upgraded" : "downgraded";
    }

    /** The subscription's amount per period in minor units: unit amount × quantity over its items. */
    private static long recurring(JsonNode subscription) {
        JsonNode items = subscription.path("items").path("data");
        if (items.isArray() && !items.isEmpty()) {
            long total = 0;
            for (JsonNode item : items) {
                JsonNode price = item.has("price") ? item.path("price") : item.path("plan");
                total += price.path(price.has("unit_amount") ? "unit_amount" : "amount").asLong() * Math.max(1, item.path("quantity").asLong(1));
            }
            return total;
        }
        return subscription.path("plan").path("amount").asLong() * Math.max(1, subscription.path("quantity").asLong(1));
    }

    private static JsonNode merge(JsonNode subscription, JsonNode previous) {
        ObjectNode before = subscription.deepCopy();
        before.setAll((ObjectNode) previous);
        return before;
    }

    private static Subject subject(JsonNode object) {
        String userId = object.path("metadata").path("user_id").asText(object.path("metadata").path("userId").asText(null));
        String email = firstText(object, "receipt_email", "customer_email");
        if (email == null) {
            email = object.path("billing_details").path("email").asText(null);
        }
        if (userId != null || email != null) {
            return Subject.customer(userId, email);
        }
        String customer = customerId(object);
        return customer == null ? null : Subject.anonymous("stripe:" + customer);
    }

    private static String customerId(JsonNode object) {
        JsonNode customer = object.path("customer");
        return customer.isTextual() ? customer.asText() : customer.path("id").asText(null);
    }

    private static String firstText(JsonNode object, String... fields) {
        for (String field : fields) {
            if (object.path(field).isTextual() && !object.path(field).asText().isBlank()) {
                return object.path(field).asText();
            }
        }
        return null;
    }

    private static void amount(ObjectNode properties, String field, long minor, String currency) {
        properties.put(field, ZERO_DECIMAL.contains(currency) ? BigDecimal.valueOf(minor) : BigDecimal.valueOf(minor, 2));
        properties.put("currency", currency);
    }
}
