-- Dedup generations (issue 8, item 9): message_ids becomes partitioned by the UTC day ("generation") its rows
-- were stored in, so that forgetting a day is dropping a partition rather than deleting millions of rows.
-- One generation at a time takes new messageIds (the newest row here); MessageIdPruneJob opens today's,
-- closes the previous one and drops those closed longer ago than the dedup window. A messageId is unique
-- within a partition by the primary key and across partitions because the flush looks the older ones up
-- while holding a shared advisory lock that the switch to a new generation takes exclusively
-- (DedupGenerations).
CREATE TABLE message_id_generations (
    day       date        PRIMARY KEY,
    opened_at timestamptz NOT NULL,
    -- When the next generation took over: every row of this one was received before.
    closed_at timestamptz
);

-- The rows stored so far become the first generation, dated 2000-01-01 and open until the job first runs,
-- so that they keep deduplicating for a whole window after that. Adding a column with a constant default
-- does not rewrite the table.
ALTER TABLE message_ids RENAME TO message_ids_g20000101;
-- The old primary key gives way to the parent's (which includes the generation); the attach below builds it.
ALTER TABLE message_ids_g20000101 DROP CONSTRAINT message_ids_pkey;
DROP INDEX message_ids_received;
ALTER TABLE message_ids_g20000101 ADD COLUMN generation date NOT NULL DEFAULT DATE '2000-01-01';
ALTER TABLE message_ids_g20000101 ALTER COLUMN generation DROP DEFAULT;

CREATE TABLE message_ids (
    workspace_id bigint      NOT NULL,
    message_id   text        NOT NULL,
    received_at  timestamptz NOT NULL,
    generation   date        NOT NULL,
    PRIMARY KEY (workspace_id, message_id, generation)
) PARTITION BY RANGE (generation);

ALTER TABLE message_ids ATTACH PARTITION message_ids_g20000101 FOR VALUES FROM ('2000-01-01') TO ('2000-01-02');

INSERT INTO message_id_generations (day, opened_at) VALUES (DATE '2000-01-01', now());
