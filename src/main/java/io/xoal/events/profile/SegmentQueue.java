package io.xoal.events.profile;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.xoal.events.segment.OutboxFence;

/**
 * Queues a changed customer for segment re-evaluation in the changing transaction (the same
 * outbox ingestion writes to, behind the same {@link OutboxFence}), so that attribute and tag
 * segments follow admin API changes.
 */
final class SegmentQueue {

    private static final String QUEUE = """
            INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)
            SELECT :ws, ARRAY[CAST(:usid AS bigint)], ARRAY[NULL::bigint], ARRAY[NULL::text], now()
            WHERE EXISTS (SELECT 1 FROM segments WHERE workspace_id = :ws AND status = 'active')""";

    private SegmentQueue() {
    }

    static Uni<Customer> queued(Customer customer) {
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery(OutboxFence.SHARE_COUNTED).getSingleResult())
                        .chain(() -> session.createNativeQuery(QUEUE)
                                .setParameter("ws", customer.workspaceId)
                                .setParameter("usid", customer.usid)
                                .executeUpdate()))
                .replaceWith(customer);
    }
}
