package io.xoal.events.web;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.xoal.events.event.EventFeedService;
import io.xoal.events.event.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live Events tabs of this replica: one poller of the feed per workspace with an open tab,
 * running only while a tab is open. The ingest path knows nothing of it (no LISTEN/NOTIFY, whose
 * commit-time lock would serialise the flushes). Ids commit out of order across writers, so each
 * poll re-reads a short look-back behind the newest id and drops what it already delivered
 * ({@link FeedCursor}).
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    private static final int POLL_LIMIT = 1000;

    private final EventFeedService feed;
    private final Vertx vertx;
    private final Clock clock;
    private final DashboardConfig config;
    private final Map<Long, Tab> tabs = new ConcurrentHashMap<>();

    public LiveFeed(EventFeedService feed, Vertx vertx, Clock clock, DashboardConfig config) {
        this.feed = feed;
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The workspace's events with ids above {@code afterId} (the newest the page showed), as they
     * commit, until the subscriber cancels (the browser closed the tab).
     */
    public Multi<EventView> follow(long workspaceId, long afterId) {
        return Multi.createFrom().emitter(emitter -> {
            Tab tab = tabs.compute(workspaceId, (id, existing) -> {
                Tab t = existing == null ? new Tab(id, new FeedCursor(afterId, config.liveLookBack())) : existing;
                t.viewers.put(emitter, afterId);
                return t;
            });
            tab.cursor.recent(afterId).forEach(emitter::emit);
            emitter.onTermination(() -> leave(workspaceId, emitter));
            tab.start();
        });
    }

    private void leave(long workspaceId, MultiEmitter<? super EventView> emitter) {
        tabs.computeIfPresent(workspaceId, (id, tab) -> {
            tab.viewers.remove(emitter);
            if (tab.viewers.isEmpty()) {
                tab.stop();
                return null;
            }
            return tab;
        });
    }

    /** One workspace's open tabs and the poller that feeds them. */
    private final class Tab {
        private final long workspaceId;
        private final FeedCursor cursor;
        private final Map<MultiEmitter<? super EventView>, Long> viewers = new ConcurrentHashMap<>();
        private long timer = -1;
        private boolean polling;

        Tab(long workspaceId, FeedCursor cursor) {
            this.workspaceId = workspaceId;
            this.cursor = cursor;
        }

        synchronized void start() {
            if (timer < 0) {
                timer = vertx.setPeriodic(Math.max(50, config.livePollEvery().toMillis()), id -> poll());
            }
        }

        synchronized void stop() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        private void poll() {
            synchronized (this) {
                if (polling) {
                    return;
                }
                polling = true;
            }
            feed.newestAfter(workspaceId, cursor.floor(), POLL_LIMIT)
                    .subscribe().with(rows -> {
                        cursor.fresh(rows, clock.instant()).forEach(this::deliver);
                        done();
                    }, failure -> {
                        LOG.debugf(failure, "Live feed poll of workspace %d failed; the next poll retries", workspaceId);
                        done();
                    });
        }

        private void deliver(EventView event) {
            viewers.forEach((emitter, afterId) -> {
                if (event.id() > afterId) {
                    emitter.emit(event);
                }
            });
        }

        private synchronized void done() {
            polling = false;
        }
    }
}
