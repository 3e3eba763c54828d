package io.xoal.events.profile;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The companies and custom objects a customer is related to (Segment group, Customer.io cio_relationships). */
@ApplicationScoped
public class CustomerRelationships {

    private static final String COMPANIES = """
            SELECT c.* FROM customer_companies cc JOIN companies c ON c.id = cc.company_id
            WHERE cc.usid = :usid ORDER BY c.external_id LIMIT :limit""";
    private static final String OBJECTS = """
            SELECT o.* FROM customer_objects co JOIN custom_objects o ON o.id = co.object_id
            WHERE co.usid = :usid ORDER BY o.object_type, o.external_id LIMIT :limit""";
    /** A customer related to more than this many of one kind is shown with the first ones only. */
    private static final int LIMIT = 1000;

    @WithSession
    public Uni<CustomerViews.RelationshipsView> of(long usid) {
        return related(COMPANIES, Company.class, usid)
                .chain(companies -> related(OBJECTS, CustomObject.class, usid)
                        .map(objects -> new CustomerViews.RelationshipsView(
                                companies.stream().map(CompanyViews.CompanyView::of).toList(),
                                objects.stream().map(CompanyViews.ObjectView::of).toList())));
    }

    private static <T> Uni<List<T>> related(String sql, Class<T> type, long usid) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, type)
                        .setParameter("usid", usid)
                        .setParameter("limit", LIMIT)
                        .getResultList());
    }
}
