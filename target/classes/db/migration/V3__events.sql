-- Events, partitioned by month of event time. Partitions are created ahead by
-- EventPartitionJob and on demand by the writer for back-filled months; there is no default
-- partition, so a new month never has to move rows.
CREATE SEQUENCE events_id_seq AS bigint;

CREATE TABLE events (
    id           bigint      NOT NULL DEFAULT nextval('events_id_seq'),
    workspace_id bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    message_id   text        NOT NULL,
    name         text        NOT NULL,
    subject_kind text        NOT NULL CHECK (subject_kind IN ('customer', 'company', 'object')),
    subject_id   bigint      NOT NULL,
    properties   jsonb       NOT NULL,
    source       text        NOT NULL
) PARTITION BY RANGE (occurred_at);

-- The feed: newest received first (ids grow with receipt).
CREATE INDEX events_feed ON events (workspace_id, id DESC);
-- The feed filtered by event name, newest first.
CREATE INDEX events_name_feed ON events (workspace_id, name, id DESC);
-- One subject's own events, newest first.
CREATE INDEX events_subject ON events (workspace_id, subject_kind, subject_id, id DESC);
-- Windows: "performed X between t1 and t2".
CREATE INDEX events_name_time ON events (workspace_id, name, occurred_at);

-- Exactly-once: a messageId is accepted once per workspace while it is kept (default 30 days).
CREATE TABLE message_ids (
    workspace_id bigint      NOT NULL,
    message_id   text        NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, message_id)
);
CREATE INDEX message_ids_received ON message_ids (received_at);

-- Per-subject rollup kept in the ingest transaction: events per name per UTC day, with the
-- first and last occurrence that day. First/last seen ever = min/max over the days.
CREATE TABLE subject_event_daily (
    workspace_id bigint      NOT NULL,
    subject_kind text        NOT NULL,
    subject_id   bigint      NOT NULL,
    name         text        NOT NULL,
    day          date        NOT NULL,
    event_count  bigint      NOT NULL,
    first_at     timestamptz NOT NULL,
    last_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, subject_kind, subject_id, name, day)
);
CREATE INDEX subject_event_daily_name_day ON subject_event_daily (workspace_id, name, day);
