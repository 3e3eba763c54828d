package io.xoal.events.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads events newest first (by receipt): the workspace feed and one subject's timeline.
 * Only the filters given become SQL conditions, so each query can use the index shaped for it
 * (feed: workspace + id; timeline: workspace + subject + id); values are always bind parameters.
 */
@ApplicationScoped
public class EventFeedService {

    private static final String SELECT = """
            SELECT e.id, e.message_id, e.name, e.subject_kind, e.properties::text AS properties, e.occurred_at,
                   e.received_at, e.source, coalesce(c.external_id, co.external_id, o.external_id) AS subject_ref,
                   c.email, o.object_type
            FROM events e
            LEFT JOIN customers c ON e.subject_kind = 'customer' AND c.usid = e.subject_id
            LEFT JOIN companies co ON e.subject_kind = 'company' AND co.id = e.subject_id
            LEFT JOIN custom_objects o ON e.subject_kind = 'object' AND o.id = e.subject_id
            WHERE e.workspace_id = $1 AND e.id""";

    private static final Map<String, String> SUBJECT_BY_REF = Map.of(
            "customer", "SELECT usid FROM customers WHERE workspace_id = $1 AND external_id = $%d",
            "company", "SELECT id FROM companies WHERE workspace_id = $1 AND external_id = $%d",
            "object", "SELECT id FROM custom_objects WHERE workspace_id = $1 AND object_type = $%d AND external_id = $%d");

    private final Pool pool;

    public EventFeedService(Pool pool) {
        this.pool = pool;
    }

    /** The workspace's events, optionally of one subject given by type and external id. */
    public Uni<Page<EventView>> feed(long workspaceId, FeedQuery query, String subjectType, String subjectId, String objectType) {
        return run(feedSql(workspaceId, query, subjectType, subjectId, objectType), query);
    }

    /**
     * One subject's own events by its external id, in one statement; when there are none,
     * {@code subject} is asked for the subject itself, so that an unknown one is its 404.
     */
    public Uni<Page<EventView>> timeline(long workspaceId, String kind, String externalId, String objectType, FeedQuery query,
                                         Supplier<Uni<?>> subject) {
        return feed(workspaceId, query, kind, externalId, objectType)
                .chain(page -> page.items().isEmpty() ? subject.get().replaceWith(page) : Uni.createFrom().item(page));
    }

    /** The statement of {@link #feed}; the subject is looked up by a unique key, as a scalar sub-select. */
    static Sql feedSql(long workspaceId, FeedQuery query, String subjectType, String subjectId, String objectType) {
        Sql sql = new Sql(workspaceId, query.before());
        if (subjectType != null) {
            String lookup = SUBJECT_BY_REF.get(subjectType);
            if (lookup == null) {
                throw ProblemException.invalidField("/subject_type", "must be customer, company or object");
            }
            if (subjectId == null || ("object".equals(subjectType) && objectType == null)) {
                throw ProblemException.invalidField("/subject_id", "subject_type needs subject_id (and object_type for objects)");
            }
            sql.ofSubject(subjectType);
            String sub = "object".equals(subjectType)
                    ? lookup.formatted(sql.bind(objectType), sql.bind(subjectId))
                    : lookup.formatted(sql.bind(subjectId));
            sql.text.append(" AND e.subject_id = (").append(sub).append(')');
        }
        return filtered(sql, query);
    }

    /** One subject's own events (the subject's row id is already resolved). */
    public Uni<Page<EventView>> timeline(long workspaceId, String kind, long subjectId, FeedQuery query) {
        Sql sql = new Sql(workspaceId, query.before());
        sql.ofSubject(kind);
        sql.where("e.subject_id = ", subjectId);
        return run(filtered(sql, query), query);
    }

    /** One event by id, or null. */
    public Uni<EventView> one(long workspaceId, long id) {
        Sql sql = new Sql(workspaceId, " = ", id);
        return pool.preparedQuery(sql.text())
                .execute(sql.args())
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    /**
     * The newest {@code limit} events with ids above {@code afterId}, oldest first (the live Events
     * tab's poll: in a burst of more, the older ones would scroll off its 1,000 rows at once anyway).
     */
    public Uni<List<EventView>> newestAfter(long workspaceId, long afterId, int limit) {
        Sql sql = new Sql(workspaceId, " > ", afterId);
        sql.limit(limit);
        return pool.preparedQuery(sql.text())
                .execute(sql.args())
                .map(rows -> {
                    List<EventView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    Collections.reverse(views);
                    return views;
                });
    }

    private static Sql filtered(Sql sql, FeedQuery query) {
        if (query.name() != null) {
            sql.where("e.name = ", query.name());
        }
        if (query.from() != null) {
            sql.where("e.occurred_at >= ", query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.where("e.occurred_at < ", query.to().atOffset(ZoneOffset.UTC));
        }
        sql.limit(query.limit() + 1);
        return sql;
    }

    private Uni<Page<EventView>> run(Sql sql, FeedQuery query) {
        Uni<RowSet<Row>> read = sql.setting() == null
                ? pool.preparedQuery(sql.text()).execute(sql.args())
                : pool.withTransaction(conn -> conn.query(sql.setting()).execute()
                        .chain(() -> conn.preparedQuery(sql.text()).execute(sql.args())));
        return read.map(rows -> {
            List<EventView> views = new ArrayList<>();
            rows.forEach(row -> views.add(view(row)));
            return Page.of(views, query.limit(), EventView::id);
        });
    }

    private static EventView view(Row row) {
        String kind = row.getString("subject_kind");
        return new EventView(row.getLong("id"), row.getString("message_id"), row.getString("name"),
                new EventView.SubjectView(kind, row.getString("subject_ref"), row.getString("email"), row.getString("object_type")),
                row.getString("properties"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("received_at").toInstant(), row.getString("source"));
    }

    /** SQL text with numbered bind parameters. */
    static final class Sql {
        private final StringBuilder text = new StringBuilder(SELECT);
        private final List<Object> args = new ArrayList<>();
        private boolean subject;

        Sql(long workspaceId, long before) {
            this(workspaceId, " < ", before);
        }

        /** The workspace's events whose id compares to {@code id} ({@code " < "}, {@code " = "}, {@code " > "}). */
        Sql(long workspaceId, String comparison, long id) {
            text.append(comparison).append("$2");
            args.add(workspaceId);
            args.add(id);
        }

        String text() {
            return text.toString();
        }

        /**
         * What the statement runs under (in a transaction of its own), or null. A subject's page
         * is planned without sorts: the statement walks the (workspace, subject, id) index
         * backwards and stops at the limit. A plan cannot know the subject is hot (its id is a
         * parameter, or looked up in the statement), so it estimates the average subject and may
         * sort all of their events instead — 950 ms for a page of a customer with 114k events
         * (docs/performance.md, issue 13, F1).
         */
        String setting() {
            return subject ? "SET LOCAL enable_sort = off" : null;
        }

        Tuple args() {
            return Tuple.tuple(args);
        }

        int bind(Object value) {
            args.add(value);
            return args.size();
        }

        /**
         * Newest first, at most {@code limit} rows. The limit is written into the text, not bound:
         * a kept statement's generic plan then walks the id index of each partition and stops
         * (planned once: 0.04 ms instead of 6 ms over 62 partitions), where with a bound limit the
         * generic plan sorts the whole workspace (170 ms on 3M events) and PostgreSQL re-plans
         * every execution (docs/performance.md, issue 13, F1).
         */
        void limit(int limit) {
            text.append(" ORDER BY e.id DESC LIMIT ").append(limit);
        }

        /** Events of one kind of subject; the caller adds which one. */
        void ofSubject(String kind) {
            subject = true;
            where("e.subject_kind = ", kind);
        }

        void where(String condition, Object value) {
            text.append(" AND ").append(condition).append('$').append(bind(value));
        }
    }
}
