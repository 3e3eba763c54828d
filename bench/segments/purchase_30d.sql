-- The best hand-written SQL for "customers who performed purchase in the last 30 days" on
-- Xoal's schema: an index range scan of events_name_time (workspace, name, occurred_at) and a
-- distinct over the subjects. bench/segments.sh times it against the segment's full recompute.
SELECT count(*) FROM (
  SELECT DISTINCT subject_id FROM events
  WHERE workspace_id = 1 AND name = 'purchase' AND subject_kind = 'customer'
    AND occurred_at >= now() - interval '30 days' AND occurred_at < now()
) buyers;
