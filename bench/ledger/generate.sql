-- A long ledger for segment :segment (psql variables :segment, :customers, :per): customer i of
-- :customers enters and leaves in turn, :per transitions (one fewer for every other customer, who
-- is thus a member at the end), every 180/:per days, each customer shifted by up to 14 days (whole
-- 20 minutes, so that many customers share an instant); at any instant about half are members.
-- Members now are written to segment_members as the engine would.
INSERT INTO customers (workspace_id, external_id, created_at, added_via)
SELECT s.workspace_id, 'ledger-' || i, now() - interval '181 days', 'api'
FROM generate_series(1, :customers) i, segments s WHERE s.id = :segment;

INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)
SELECT s.workspace_id, :segment, c.usid, k % 2 = 1,
       date_trunc('minute', now()) - interval '180 days' + (k - 1) * (interval '180 days' / :per) + (c.usid % 1000) * interval '20 minutes',
       CASE WHEN k % 2 = 1 THEN 'event ' || k ELSE 'window lapsed' END
FROM customers c, segments s, generate_series(1, :per) k
WHERE s.id = :segment AND c.workspace_id = s.workspace_id AND c.external_id LIKE 'ledger-%'
  AND k <= :per - (c.usid % 2)
ORDER BY 4, c.usid;

INSERT INTO segment_members (workspace_id, segment_id, usid, since, cause)
SELECT DISTINCT ON (usid) workspace_id, segment_id, usid, at, cause FROM segment_transitions
WHERE segment_id = :segment ORDER BY usid, at DESC, id DESC;
DELETE FROM segment_members m WHERE m.segment_id = :segment
  AND NOT (SELECT entered FROM segment_transitions t
           WHERE t.workspace_id = m.workspace_id AND t.segment_id = m.segment_id AND t.usid = m.usid ORDER BY at DESC, id DESC LIMIT 1);
ANALYZE customers;
ANALYZE segment_transitions;
ANALYZE segment_members;
