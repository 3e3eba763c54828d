package io.xoal.events.segment.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Parses segment rows into live segments (each definition parsed once per version), and orders them by dependency. */
@ApplicationScoped
public class LiveSegments {

    private final ObjectMapper mapper;
    private final Map<Long, LiveSegment> parsed = new ConcurrentHashMap<>();

    public LiveSegments(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A segment from a row with id, workspace_id, version and definition (text). */
    public LiveSegment of(Row row) {
        long id = row.getLong("id");
        int version = row.getInteger("version");
        LiveSegment cached = parsed.get(id);
        if (cached != null && cached.version() == version) {
            return cached;
        }
        try {
            Node root = DefinitionParser.parse(mapper.readTree(row.getString("definition")), "/definition");
            LiveSegment live = new LiveSegment(id, row.getLong("workspace_id"), version, root, DefinitionFacts.of(root));
            parsed.put(id, live);
            return live;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kahn's order over in_segment references, ties by id; a reference to a paused segment is ignored. */
    static List<LiveSegment> dependencyOrder(List<LiveSegment> segments) {
        List<LiveSegment> ordered = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        Set<Long> present = new HashSet<>();
        segments.forEach(s -> present.add(s.id()));
        List<LiveSegment> rest = new ArrayList<>(segments);
        rest.sort(Comparator.comparingLong(LiveSegment::id));
        while (!rest.isEmpty()) {
            LiveSegment next = rest.stream()
                    .filter(s -> s.facts().dependsOn().stream().allMatch(d -> placed.contains(d) || !present.contains(d)))
                    .findFirst()
                    .orElse(rest.get(0));
            ordered.add(next);
            placed.add(next.id());
            rest.remove(next);
        }
        return ordered;
    }
}
