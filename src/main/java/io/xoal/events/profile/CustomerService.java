package io.xoal.events.profile;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Instants;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.event.EventErasure;
import io.xoal.events.workflow.engine.WorkflowSubjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Customer profiles: upsert by id, read, search, delete (with their events), tags. */
@ApplicationScoped
public class CustomerService {

    private static final String LEAVE_SEGMENTS = """
            WITH gone AS (DELETE FROM segment_members WHERE workspace_id = :ws AND usid = :usid RETURNING workspace_id, segment_id, usid)
            INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)
            SELECT workspace_id, segment_id, usid, false, :at, 'deleted' FROM gone""";

    private final Clock clock;
    private final Attributes attributes;

    public CustomerService(Clock clock, Attributes attributes) {
        this.clock = clock;
        this.attributes = attributes;
    }

    /** Creates or updates the customer with this external id; the flag tells whether it was created. */
    @WithTransaction
    public Uni<Upserted> upsert(long workspaceId, String id, CustomerViews.CustomerInput input) {
        return Customer.<Customer>find("workspaceId = ?1 and externalId = ?2", workspaceId, id)
                .firstResult()
                .flatMap(existing -> {
                    Customer customer = existing != null ? existing : created(workspaceId, id);
                    apply(customer, input);
                    return customer.<Customer>persist()
                            .chain(SegmentQueue::queued)
                            .map(saved -> new Upserted(saved, existing == null));
                });
    }

    @WithSession
    public Uni<Customer> get(long workspaceId, CustomerRef ref) {
        return find(workspaceId, ref);
    }

    /** Only the filters given become conditions, so each search can use its own index. */
    @WithSession
    public Uni<Page<Customer>> search(long workspaceId, String email, String tag, String attribute, long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM customers WHERE workspace_id = :ws AND usid < :before");
        Map<String, Object> params = new HashMap<>(Map.of("ws", workspaceId, "before", before, "limit", limit + 1));
        if (email != null) {
            sql.append(" AND lower(email) = lower(:email)");
            params.put("email", email);
        }
        if (tag != null) {
            sql.append(" AND tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", tag);
        }
        if (attribute != null) {
            // Bound as text first: Hibernate would otherwise JSON-encode the string itself.
            sql.append(" AND attributes @> CAST(CAST(:attr AS text) AS jsonb)");
            params.put("attr", attributes.containment(attribute));
        }
        sql.append(" ORDER BY usid DESC LIMIT :limit");
        return Panache.getSession()
                .flatMap(session -> {
                    var query = session.createNativeQuery(sql.toString(), Customer.class);
                    params.forEach(query::setParameter);
                    return query.getResultList();
                })
                .map(rows -> Page.of(rows, limit, c -> c.usid));
    }

    /**
     * Deletes the customer and, in the same transaction, all their events; their segment
     * memberships end in the ledger (cause {@code deleted}). The row is locked first, so that an
     * evaluation adding a membership meanwhile is either seen here or fails on the missing customer.
     */
    @WithTransaction
    public Uni<Void> delete(long workspaceId, CustomerRef ref) {
        return find(workspaceId, ref)
                .call(customer -> Panache.getSession().flatMap(session -> session.lock(customer, LockMode.PESSIMISTIC_WRITE)))
                .call(customer -> Panache.getSession().flatMap(session -> session.createNativeQuery(LEAVE_SEGMENTS)
                        .setParameter("ws", workspaceId)
                        .setParameter("usid", customer.usid)
                        .setParameter("at", Instants.utc(clock.instant()))
                        .executeUpdate()))
                .call(customer -> Panache.getSession().flatMap(session -> eraseRuns(session, workspaceId, customer.usid)))
                .call(customer -> EventErasure.eraseSubject(workspaceId, "customer", customer.usid))
                .call(Customer::delete)
                .replaceWithVoid();
    }

    private static Uni<Void> eraseRuns(Mutiny.Session session, long workspaceId, long usid) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : WorkflowSubjects.erased("SELECT CAST(:ws AS bigint) AS w, 'customer' AS k, CAST(:usid AS bigint) AS s")) {
            chain = chain.chain(() -> session.createNativeQuery(sql).setParameter("ws", workspaceId).setParameter("usid", usid)
                    .executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    @WithTransaction
    public Uni<Customer> addTags(long workspaceId, CustomerRef ref, List<String> tags) {
        return find(workspaceId, ref).invoke(customer -> {
            LinkedHashSet<String> all = new LinkedHashSet<>(List.of(customer.tags));
            all.addAll(tags);
            customer.tags = all.toArray(String[]::new);
        }).chain(SegmentQueue::queued);
    }

    @WithTransaction
    public Uni<Customer> removeTag(long workspaceId, CustomerRef ref, String tag) {
        return find(workspaceId, ref).invoke(customer -> {
            customer.tags = Arrays.stream(customer.tags).filter(t -> !t.equals(tag)).toArray(String[]::new);
        }).chain(SegmentQueue::queued);
    }

    Uni<Customer> find(long workspaceId, CustomerRef ref) {
        Uni<Customer> found = switch (ref.type()) {
            case ID -> Customer.find("workspaceId = ?1 and externalId = ?2", workspaceId, ref.value()).firstResult();
            case EMAIL -> Customer.find("workspaceId = ?1 and lower(email) = lower(?2) order by externalId nulls last, usid",
                    workspaceId, ref.value()).firstResult();
            case USID -> Customer.find("workspaceId = ?1 and usid = ?2", workspaceId, ref.usid()).firstResult();
        };
        return found.onItem().ifNull().failWith(() -> ProblemException.notFound("No customer " + ref));
    }

    private Customer created(long workspaceId, String id) {
        Customer customer = new Customer();
        customer.workspaceId = workspaceId;
        customer.externalId = id;
        customer.createdAt = clock.instant();
        customer.addedVia = "api";
        return customer;
    }

    private void apply(Customer c, CustomerViews.CustomerInput in) {
        c.email = in.email() != null ? in.email() : c.email;
        c.contactType = in.contactType() != null ? in.contactType() : c.contactType;
        c.firstName = in.firstName() != null ? in.firstName() : c.firstName;
        c.lastName = in.lastName() != null ? in.lastName() : c.lastName;
        c.phone = in.phone() != null ? in.phone() : c.phone;
        c.language = in.language() != null ? CustomerFields.language(in.language()) : c.language;
        c.timezone = in.timezone() != null ? CustomerFields.timezone(in.timezone()) : c.timezone;
        c.joinedDate = in.joinedDate() != null ? in.joinedDate() : c.joinedDate;
        c.lastActive = in.lastActive() != null ? in.lastActive() : c.lastActive;
        c.tags = in.tags() != null ? new LinkedHashSet<>(in.tags()).toArray(String[]::new) : c.tags;
        Map<String, Object> merged = new HashMap<>(c.attributes);
        attributes.merge(merged, in.attributes());
        c.attributes = merged;
    }

    /** A customer after an upsert. */
    public record Upserted(Customer customer, boolean created) {
    }
}
