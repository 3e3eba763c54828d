package io.xoal.events.profile;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.event.EventErasure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Companies: upsert, read, list, delete (with their events), and the customers related to them. */
@ApplicationScoped
public class CompanyService {

    private static final String RELATE = """
            INSERT INTO customer_companies (workspace_id, usid, company_id) VALUES (:ws, :usid, :company)
            ON CONFLICT DO NOTHING""";
    private static final String UNRELATE =
            "DELETE FROM customer_companies WHERE workspace_id = :ws AND usid = :usid AND company_id = :company";
    private static final String MEMBERS = """
            SELECT c.* FROM customers c JOIN customer_companies r ON r.usid = c.usid
            WHERE r.company_id = :company AND c.usid < :before ORDER BY c.usid DESC LIMIT :limit""";

    private final Clock clock;
    private final Attributes attributes;
    private final CustomerService customers;

    public CompanyService(Clock clock, Attributes attributes, CustomerService customers) {
        this.clock = clock;
        this.attributes = attributes;
        this.customers = customers;
    }

    @WithTransaction
    public Uni<Company> upsert(long workspaceId, String id, CompanyViews.CompanyInput input) {
        return Company.<Company>find("workspaceId = ?1 and externalId = ?2", workspaceId, id)
                .firstResult()
                .flatMap(existing -> {
                    Company company = existing != null ? existing : created(workspaceId, id);
                    company.name = input.name() != null ? input.name() : company.name;
                    Map<String, Object> merged = new HashMap<>(company.attributes);
                    attributes.merge(merged, input.attributes());
                    company.attributes = merged;
                    return company.persist();
                });
    }

    @WithSession
    public Uni<Company> get(long workspaceId, String id) {
        return find(workspaceId, id);
    }

    @WithSession
    public Uni<Page<Company>> list(long workspaceId, long before, int limit) {
        return Company.<Company>find("workspaceId = ?1 and id < ?2 order by id desc", workspaceId, before)
                .range(0, limit)
                .list()
                .map(rows -> Page.of(rows, limit, c -> c.id));
    }

    @WithTransaction
    public Uni<Void> delete(long workspaceId, String id) {
        return find(workspaceId, id)
                .call(company -> EventErasure.eraseSubject(workspaceId, "company", company.id))
                .call(Company::delete)
                .replaceWithVoid();
    }

    /** Relates ({@code relate = true}) or unrelates a customer (by external id) and a company. */
    @WithTransaction
    public Uni<Void> relate(long workspaceId, String companyId, String customerId, boolean relate) {
        return find(workspaceId, companyId)
                .flatMap(company -> customers.find(workspaceId, CustomerRef.of(customerId, null))
                        .flatMap(customer -> Panache.getSession()
                                .flatMap(session -> session.createNativeQuery(relate ? RELATE : UNRELATE)
                                        .setParameter("usid", customer.usid)
                                        .setParameter("company", company.id)
                                        .setParameter("ws", workspaceId)
                                        .executeUpdate())))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Page<Customer>> members(long workspaceId, String companyId, long before, int limit) {
        return find(workspaceId, companyId)
                .flatMap(company -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(MEMBERS, Customer.class)
                                .setParameter("company", company.id)
                                .setParameter("before", before)
                                .setParameter("limit", limit + 1)
                                .getResultList()))
                .map(rows -> Page.of(rows, limit, c -> c.usid));
    }

    private Uni<Company> find(long workspaceId, String id) {
        return Company.<Company>find("workspaceId = ?1 and externalId = ?2", workspaceId, id)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No company " + id));
    }

    private Company created(long workspaceId, String id) {
        Company company = new Company();
        company.workspaceId = workspaceId;
        company.externalId = id;
        company.createdAt = clock.instant();
        return company;
    }
}
