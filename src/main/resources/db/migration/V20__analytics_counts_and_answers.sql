-- Hourly counts of customers' events per workspace and name, for trends totals: any range whose bucket
-- bounds are whole UTC hours (UTC and every whole-hour zone, by hour, day, week or month) reads ~24 rows
-- per name and day instead of the events or the per-customer rollup (docs/analytics.md).
-- Kept by statement triggers on events, so every path that writes or removes events (the flush, merges,
-- profile deletes, erasure) keeps it exact: each statement appends one delta row per (workspace, name,
-- hour) it touched, without taking any lock another flush waits for; analytics.HourlyCounts folds the
-- rows of an hour into one. Partition retention deletes the hours it dropped (EventRetention).
CREATE TABLE event_counts_hourly (
    workspace_id bigint      NOT NULL,
    name         text        NOT NULL,
    -- The hour [hour, hour + 1 h), UTC.
    hour         timestamptz NOT NULL,
    delta        bigint      NOT NULL,
    compacted    boolean     NOT NULL DEFAULT false,
    -- The transaction that wrote the row: an answer in analytics_answers is stale once a row of its
    -- names and hours exists that its snapshot did not see.
    writer       xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX event_counts_hourly_read ON event_counts_hourly (workspace_id, name, hour) INCLUDE (delta);
CREATE INDEX event_counts_hourly_fresh ON event_counts_hourly (workspace_id, name, hour) WHERE NOT compacted;

CREATE FUNCTION xoal_event_counts() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO event_counts_hourly (workspace_id, name, hour, delta)
        SELECT workspace_id, name, date_trunc('hour', occurred_at, 'UTC'), count(*)
        FROM added WHERE subject_kind = 'customer' GROUP BY 1, 2, 3;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO event_counts_hourly (workspace_id, name, hour, delta)
        SELECT workspace_id, name, date_trunc('hour', occurred_at, 'UTC'), -count(*)
        FROM removed WHERE subject_kind = 'customer' GROUP BY 1, 2, 3;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_counts_inserted AFTER INSERT ON events
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION xoal_event_counts();
CREATE TRIGGER events_counts_deleted AFTER DELETE ON events
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION xoal_event_counts();
CREATE TRIGGER events_counts_updated AFTER UPDATE ON events
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION xoal_event_counts();

INSERT INTO event_counts_hourly (workspace_id, name, hour, delta, compacted)
SELECT workspace_id, name, date_trunc('hour', occurred_at, 'UTC'), count(*), true
FROM events WHERE subject_kind = 'customer' GROUP BY 1, 2, 3;

-- Answers of dear analytics reads (funnels, retention), shared by every replica: an answer is served
-- again while no event of its names in its hours was written, removed or moved since it was computed,
-- i.e. while every event_counts_hourly row of those names and hours is visible in the snapshot it was
-- computed in (analytics.AnswerCache). Small and keyed by workspace.
CREATE TABLE analytics_answers (
    workspace_id bigint      NOT NULL,
    request_key  bytea       NOT NULL,
    names        text[]      NOT NULL,
    hours_from   timestamptz NOT NULL,
    hours_to     timestamptz NOT NULL,
    snapshot     pg_snapshot NOT NULL,
    answer       text        NOT NULL,
    computed_at  timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, request_key)
);
CREATE INDEX analytics_answers_computed ON analytics_answers (computed_at);
