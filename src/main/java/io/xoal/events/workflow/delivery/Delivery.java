package io.xoal.events.workflow.delivery;

import java.util.UUID;

/**
 * A delivery row as a channel sends it: its id (the idempotency key every attempt carries) and the
 * run's customer as JSON ({@code id, email, first_name, last_name, attributes}), null if gone.
 */
public record Delivery(UUID id, String customer) {
}
