-- Past-time reads of the ledger with bounded work (issue 9, item 7; docs/performance.md "Ledger reads").
--
-- A segment's size at T is the sum of +1 (entered) / -1 (left) over its transitions at or before T.
-- Instead of summing the whole ledger per read, every statement that appends transitions also
-- appends, per segment and hour, the sum of what it appended; a read adds the hours before T
-- (one row per hour once compacted) and the raw transitions of T's own hour. Rows are only ever
-- appended by writers (no row a second writer could wait for), and a job folds the rows of an
-- hour into one (LedgerCompactor), so the sum stays exact whatever order transactions commit in.
CREATE TABLE segment_size_hourly (
    segment_id bigint      NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    -- The bucket holds the transitions with at in (hour_end - 1 hour, hour_end], hours in UTC.
    hour_end   timestamptz NOT NULL,
    delta      bigint      NOT NULL,
    compacted  boolean     NOT NULL DEFAULT false
);
CREATE INDEX segment_size_hourly_segment ON segment_size_hourly (segment_id, hour_end) INCLUDE (delta);
CREATE INDEX segment_size_hourly_fresh ON segment_size_hourly (segment_id, hour_end) WHERE NOT compacted;

CREATE FUNCTION xoal_segment_size_hourly() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO segment_size_hourly (segment_id, hour_end, delta)
    SELECT segment_id, date_trunc('hour', at - interval '1 microsecond', 'UTC') + interval '1 hour',
           sum(CASE WHEN entered THEN 1 ELSE -1 END)
    FROM added GROUP BY 1, 2;
    RETURN NULL;
END
$$;
CREATE TRIGGER segment_transitions_size AFTER INSERT ON segment_transitions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION xoal_segment_size_hourly();

INSERT INTO segment_size_hourly (segment_id, hour_end, delta, compacted)
SELECT segment_id, date_trunc('hour', at - interval '1 microsecond', 'UTC') + interval '1 hour',
       sum(CASE WHEN entered THEN 1 ELSE -1 END), true
FROM segment_transitions GROUP BY 1, 2;
