-- Bench data: :customers customers and :events events over 180 days in workspace 1; subjects
-- Zipf-like (log-uniform ids: customer k gets ~1/k of the events), ~5% of events are purchase.
-- Rows go straight into the tables (and the daily rollup is built from them), as if ingested.
DO $$
DECLARE m date := date_trunc('month', now() - interval '200 days')::date;
BEGIN
  WHILE m <= now() + interval '60 days' LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS events_p%s_%s PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                   to_char(m, 'YYYY'), to_char(m, 'MM'), m, (m + interval '1 month')::date);
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;

INSERT INTO customers (usid, workspace_id, external_id, contact_type, created_at, last_active, added_via, attributes, tags)
SELECT g, 1, 'c' || g, 'user', now() - interval '200 days', now(), 'bench',
       jsonb_build_object('plan', (ARRAY['free', 'pro', 'team'])[1 + g % 3], 'seats', g % 50),
       CASE WHEN g % 20 = 0 THEN ARRAY['VIP'] ELSE '{}' END
FROM generate_series(1, :customers) g;
SELECT setval(pg_get_serial_sequence('customers', 'usid'), :customers + 1);

INSERT INTO events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source)
SELECT 1, t, t, 'gen-' || g,
       CASE WHEN r < 0.05 THEN 'purchase'
            ELSE (ARRAY['page_viewed', 'logged_in', 'feature_used', 'signed_up', 'upgraded', 'search', 'item_added',
                        'item_removed', 'checkout_started', 'invite_sent', 'comment_posted', 'file_uploaded',
                        'report_exported', 'settings_changed', 'password_reset', 'trial_started', 'downgraded',
                        'logged_out', 'video_played'])[1 + g % 19] END,
       'customer', least(:customers, floor(exp(random() * ln(:customers + 1))))::bigint,
       jsonb_build_object('amount', (g % 997) * 0.5, 'plan', (ARRAY['free', 'pro', 'team'])[1 + g % 3]), 'bench'
FROM (SELECT g, random() AS r, now() - random() * interval '180 days' AS t FROM generate_series(1, :events) g) x;

INSERT INTO subject_event_daily (workspace_id, subject_kind, subject_id, name, day, event_count, first_at, last_at)
SELECT workspace_id, subject_kind, subject_id, name, (occurred_at AT TIME ZONE 'UTC')::date, count(*), min(occurred_at), max(occurred_at)
FROM events GROUP BY 1, 2, 3, 4, 5;

-- As the flush keeps it: where each customer's stored history starts.
UPDATE customers c SET first_event_at = d.first_at
FROM (SELECT subject_id, min(first_at) AS first_at FROM subject_event_daily
      WHERE workspace_id = 1 AND subject_kind = 'customer' GROUP BY subject_id) d
WHERE c.workspace_id = 1 AND c.usid = d.subject_id;

VACUUM ANALYZE customers;
VACUUM ANALYZE events;
VACUUM ANALYZE subject_event_daily;
