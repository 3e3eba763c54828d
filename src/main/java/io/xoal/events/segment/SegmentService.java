package io.xoal.events.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Segment definitions: create, change (version bumped, full recompute queued), pause, delete.
 * A definition is validated completely before anything is saved.
 */
@ApplicationScoped
public class SegmentService {

    private final ObjectMapper mapper;
    private final Clock clock;

    public SegmentService(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Segment> create(long workspaceId, SegmentViews.SegmentInput input) {
        Node root = DefinitionParser.parse(input.definition(), "/definition");
        DefinitionFacts facts = DefinitionFacts.of(root);
        return checked(workspaceId, null, input.name(), facts)
                .call(all -> fenced(all, input))
                .chain(() -> {
                    Instant now = clock.instant();
                    Segment segment = new Segment();
                    segment.workspaceId = workspaceId;
                    segment.createdAt = now;
                    segment.version = 0;
                    apply(segment, input, facts, now);
                    return segment.persist();
                });
    }

    @WithTransaction
    public Uni<Segment> update(long workspaceId, long id, SegmentViews.SegmentInput input) {
        Node root = DefinitionParser.parse(input.definition(), "/definition");
        DefinitionFacts facts = DefinitionFacts.of(root);
        return find(workspaceId, id)
                .call(segment -> checked(workspaceId, segment.id, input.name(), facts).call(all -> fenced(all, input)))
                .invoke(segment -> apply(segment, input, facts, clock.instant()));
    }

    /** A segment that others read ({@code in_segment}) is not deleted: 409 naming them. */
    @WithTransaction
    public Uni<Void> delete(long workspaceId, long id) {
        return find(workspaceId, id)
                .call(segment -> Segment.<Segment>find("workspaceId", workspaceId).list()
                        .invoke(all -> refuseIfRead(segment, all)))
                .call(segment -> Segment.delete("id", segment.id))
                .replaceWithVoid();
    }

    private static void refuseIfRead(Segment segment, List<Segment> all) {
        List<Segment> readers = all.stream().filter(s -> Arrays.asList(s.dependsOn).contains(segment.id)).toList();
        if (!readers.isEmpty()) {
            throw ProblemException.conflict("Segment " + segment.id + " is read (in_segment) by "
                    + readers.stream().map(s -> "segment " + s.id + " '" + s.name + "'").collect(Collectors.joining(", "))
                    + "; change or delete those first");
        }
    }

    @WithSession
    public Uni<Segment> get(long workspaceId, long id) {
        return find(workspaceId, id);
    }

    @WithSession
    public Uni<Page<Segment>> list(long workspaceId, long before, int limit) {
        return Segment.<Segment>find("workspaceId = ?1 and id < ?2 order by id desc", workspaceId, before)
                .page(0, limit + 1).list()
                .map(rows -> Page.of(rows, limit, s -> s.id));
    }

    public JsonNode definition(Segment segment) {
        return mapper.valueToTree(segment.definition);
    }

    /** Changes bump the version; a new definition, or a resumed segment, is recomputed in full. */
    private void apply(Segment segment, SegmentViews.SegmentInput input, DefinitionFacts facts, Instant now) {
        Map<String, Object> definition = mapper.convertValue(input.definition(), new TypeReference<>() {
        });
        String status = input.status() == null ? "active" : input.status();
        boolean recompute = segment.definition == null || !definition.equals(segment.definition)
                || "active".equals(status) && !"active".equals(segment.status);
        boolean changed = recompute || !input.name().equals(segment.name)
                || !java.util.Objects.equals(input.description(), segment.description) || !status.equals(segment.status);
        if (!changed) {
            return;
        }
        segment.name = input.name();
        segment.description = input.description();
        segment.definition = definition;
        segment.status = status;
        segment.version++;
        segment.updatedAt = now;
        segment.eventNames = facts.eventNames().toArray(String[]::new);
        segment.readsProfile = facts.readsProfile();
        segment.dependsOn = facts.dependsOn().toArray(Long[]::new);
        segment.timeRelative = facts.timeRelative();
        if (recompute) {
            segment.refreshState = "pending";
            segment.refreshPercent = 0;
            segment.refreshError = null;
        }
    }

    /**
     * Making the workspace's first segment active waits for the outbox writers in flight
     * ({@link OutboxFence}); while a segment is active (this one too) they write their outbox row anyway.
     */
    private static Uni<Void> fenced(List<Segment> all, SegmentViews.SegmentInput input) {
        boolean active = input.status() == null || "active".equals(input.status());
        if (!active || all.stream().anyMatch(s -> "active".equals(s.status))) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OutboxFence.EXCLUSIVE).getSingleResult())
                .replaceWithVoid();
    }

    private Uni<List<Segment>> checked(long workspaceId, Long self, String name, DefinitionFacts facts) {
        return Segment.<Segment>find("workspaceId", workspaceId).list().invoke(all -> {
            if (all.stream().anyMatch(s -> s.name.equals(name) && !s.id.equals(self))) {
                throw ProblemException.conflict("A segment named '" + name + "' already exists in this workspace");
            }
            Map<Long, List<Long>> edges = all.stream()
                    .collect(Collectors.toMap(s -> s.id, s -> Arrays.asList(s.dependsOn)));
            SegmentGraph.check(self, facts.segments(), edges);
        });
    }

    private static Uni<Segment> find(long workspaceId, long id) {
        return Segment.<Segment>find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No segment " + id));
    }
}
