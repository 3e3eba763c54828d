package io.xoal.events.profile;

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
import java.util.regex.Pattern;

/** Custom objects of any workspace-defined type: upsert, read, list by type, delete (with their events). */
@ApplicationScoped
public class ObjectService {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Clock clock;
    private final Attributes attributes;

    public ObjectService(Clock clock, Attributes attributes) {
        this.clock = clock;
        this.attributes = attributes;
    }

    @WithTransaction
    public Uni<CustomObject> upsert(long workspaceId, String type, String id, CompanyViews.ObjectInput input) {
        return query(workspaceId, type, id)
                .flatMap(existing -> {
                    CustomObject object = existing != null ? existing : created(workspaceId, type, id);
                    Map<String, Object> merged = new HashMap<>(object.attributes);
                    attributes.merge(merged, input.attributes());
                    object.attributes = merged;
                    return object.persist();
                });
    }

    @WithSession
    public Uni<CustomObject> get(long workspaceId, String type, String id) {
        return find(workspaceId, type, id);
    }

    @WithSession
    public Uni<Page<CustomObject>> list(long workspaceId, String type, long before, int limit) {
        return CustomObject.<CustomObject>find("workspaceId = ?1 and objectType = ?2 and id < ?3 order by id desc",
                        workspaceId, checked(type), before)
                .range(0, limit)
                .list()
                .map(rows -> Page.of(rows, limit, o -> o.id));
    }

    @WithTransaction
    public Uni<Void> delete(long workspaceId, String type, String id) {
        return find(workspaceId, type, id)
                .call(object -> EventErasure.eraseSubject(workspaceId, "object", object.id))
                .call(CustomObject::delete)
                .replaceWithVoid();
    }

    private Uni<CustomObject> find(long workspaceId, String type, String id) {
        return query(workspaceId, type, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No " + type + " " + id));
    }

    private Uni<CustomObject> query(long workspaceId, String type, String id) {
        return CustomObject.<CustomObject>find("workspaceId = ?1 and objectType = ?2 and externalId = ?3",
                workspaceId, checked(type), id).firstResult();
    }

    private static String checked(String type) {
        if (!TYPE.matcher(type).matches()) {
            throw ProblemException.invalidField("/type", "must be lowercase letters, digits and _ (at most 64), starting with a letter");
        }
        return type;
    }

    private CustomObject created(long workspaceId, String type, String id) {
        CustomObject object = new CustomObject();
        object.workspaceId = workspaceId;
        object.objectType = type;
        object.externalId = id;
        object.createdAt = clock.instant();
        return object;
    }
}
