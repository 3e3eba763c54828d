-- Segment correctness (issue 9): a customer's history starts at their earliest known time, and a
-- date is only an ISO-8601 instant with an offset.

-- The earliest event of the customer (occurred_at), kept by the flush's subject upserts and by merges.
ALTER TABLE customers ADD COLUMN first_event_at timestamptz;

UPDATE customers c SET first_event_at = d.first_at
FROM (SELECT workspace_id, subject_id, min(first_at) AS first_at FROM subject_event_daily
      WHERE subject_kind = 'customer' GROUP BY workspace_id, subject_id) d
WHERE c.workspace_id = d.workspace_id AND c.usid = d.subject_id;

-- Where the customer's history starts (docs/segments.md, "the history rule"): a back-filled import
-- or a joined_date before the profile was created counts.
ALTER TABLE customers ADD COLUMN history_from timestamptz
    GENERATED ALWAYS AS (least(created_at, joined_date, first_event_at)) STORED;

-- The sweep's "history came to cover the window" crossing.
CREATE INDEX customers_history_from ON customers (workspace_id, history_from);

-- One date rule for preview, evaluation and the sweep: a JSON string holding an ISO-8601 instant with
-- its offset (2026-11-01T00:00:00Z, 2026-11-01T02:00:00+02:00, fractions allowed). A day alone, a
-- local time, 11/01/2026 or free text are not dates (absent), whatever PostgreSQL's cast would accept.
CREATE OR REPLACE FUNCTION xoal_try_timestamptz(value text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF value !~ '^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$' THEN
        RETURN NULL;
    END IF;
    RETURN value::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- Relative dates in event property filters now make a segment change with time (the sweep finds
-- their crossings): existing segments with any relative date operator are swept from now on (a
-- segment flagged by an attribute's relative date already was; sweeping one more costs a no-op).
UPDATE segments SET time_relative = true WHERE NOT time_relative AND definition::text ~ '"(more|less)_than_ago"';
