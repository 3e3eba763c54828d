-- Keys ready for distribution by workspace (issue 10; docs/scaling.md, "The Citus path"): every primary key, unique
-- constraint and foreign key of a table other than the reference tables (workspaces, api_keys, integrations,
-- message_id_generations) includes workspace_id, and a foreign key between two such tables pairs workspace_id with
-- workspace_id. DistributionKeysTest reads the catalog and holds it. In-place ALTERs on a populated database:
-- identities and sequences stay, the ledger tables are back-filled from their segment, ON DELETE actions stay.

-- 1. The ledger tables get the column, from their segment.
ALTER TABLE segment_members ADD COLUMN workspace_id bigint;
ALTER TABLE segment_transitions ADD COLUMN workspace_id bigint;
ALTER TABLE segment_size_hourly ADD COLUMN workspace_id bigint;
UPDATE segment_members m SET workspace_id = s.workspace_id FROM segments s WHERE s.id = m.segment_id;
UPDATE segment_transitions t SET workspace_id = s.workspace_id FROM segments s WHERE s.id = t.segment_id;
UPDATE segment_size_hourly h SET workspace_id = s.workspace_id FROM segments s WHERE s.id = h.segment_id;
ALTER TABLE segment_members ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE segment_transitions ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE segment_size_hourly ALTER COLUMN workspace_id SET NOT NULL;

-- The hourly buckets that appending transitions writes carry the workspace too (V11's trigger).
CREATE OR REPLACE FUNCTION xoal_segment_size_hourly() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO segment_size_hourly (workspace_id, segment_id, hour_end, delta)
    SELECT workspace_id, segment_id, date_trunc('hour', at - interval '1 microsecond', 'UTC') + interval '1 hour',
           sum(CASE WHEN entered THEN 1 ELSE -1 END)
    FROM added GROUP BY 1, 2, 3;
    RETURN NULL;
END
$$;

-- 2. Foreign keys that reference a key about to change go first (they are added back in 4).
ALTER TABLE customer_companies DROP CONSTRAINT customer_companies_usid_fkey, DROP CONSTRAINT customer_companies_company_id_fkey;
ALTER TABLE customer_objects DROP CONSTRAINT customer_objects_usid_fkey, DROP CONSTRAINT customer_objects_object_id_fkey;
ALTER TABLE customer_aliases DROP CONSTRAINT customer_aliases_usid_fkey;
ALTER TABLE segment_members DROP CONSTRAINT segment_members_segment_id_fkey, DROP CONSTRAINT segment_members_usid_fkey;
ALTER TABLE segment_transitions DROP CONSTRAINT segment_transitions_segment_id_fkey;
ALTER TABLE segment_size_hourly DROP CONSTRAINT segment_size_hourly_segment_id_fkey;

-- 3. Primary keys lead with workspace_id. Where a statement (or a Hibernate entity's @Id) finds a row by its id
-- alone, a plain index on the id keeps that a probe; an index that repeated the new key's columns is dropped.
ALTER TABLE customers DROP CONSTRAINT customers_pkey, ADD PRIMARY KEY (workspace_id, usid);
DROP INDEX customers_workspace_usid;
CREATE INDEX customers_usid ON customers (usid);

ALTER TABLE companies DROP CONSTRAINT companies_pkey, ADD PRIMARY KEY (workspace_id, id);
DROP INDEX companies_workspace_id;
CREATE INDEX companies_id ON companies (id);

ALTER TABLE custom_objects DROP CONSTRAINT custom_objects_pkey, ADD PRIMARY KEY (workspace_id, id);
CREATE INDEX custom_objects_id ON custom_objects (id);

ALTER TABLE customer_companies DROP CONSTRAINT customer_companies_pkey, ADD PRIMARY KEY (workspace_id, company_id, usid);
ALTER TABLE customer_objects DROP CONSTRAINT customer_objects_pkey, ADD PRIMARY KEY (workspace_id, object_id, usid);

ALTER TABLE ingest_rejections DROP CONSTRAINT ingest_rejections_pkey, ADD PRIMARY KEY (workspace_id, id);
-- The feed's (workspace_id, id DESC) is the new key read backwards.
DROP INDEX ingest_rejections_feed;

ALTER TABLE segments DROP CONSTRAINT segments_pkey, ADD PRIMARY KEY (workspace_id, id);
CREATE INDEX segments_id ON segments (id);

ALTER TABLE segment_work DROP CONSTRAINT segment_work_pkey, ADD PRIMARY KEY (workspace_id, id);
DROP INDEX segment_work_workspace;

ALTER TABLE segment_members DROP CONSTRAINT segment_members_pkey, ADD PRIMARY KEY (workspace_id, segment_id, usid);
ALTER TABLE segment_transitions DROP CONSTRAINT segment_transitions_pkey, ADD PRIMARY KEY (workspace_id, id);

-- Every read of the ledger tables by segment now names the workspace too, so their by-segment indexes lead with it:
-- the members walk at T and the hourly sums stay index-only scans (docs/performance.md, "Ledger reads").
DROP INDEX segment_members_since;
CREATE INDEX segment_members_since ON segment_members (workspace_id, segment_id, since DESC, usid DESC);
DROP INDEX segment_transitions_feed;
CREATE INDEX segment_transitions_feed ON segment_transitions (workspace_id, segment_id, id DESC);
DROP INDEX segment_transitions_member;
CREATE INDEX segment_transitions_member ON segment_transitions (workspace_id, segment_id, usid, at DESC, id DESC);
DROP INDEX segment_transitions_at;
CREATE INDEX segment_transitions_at ON segment_transitions (workspace_id, segment_id, at);
DROP INDEX segment_size_hourly_segment;
CREATE INDEX segment_size_hourly_segment ON segment_size_hourly (workspace_id, segment_id, hour_end) INCLUDE (delta);
DROP INDEX segment_size_hourly_fresh;
CREATE INDEX segment_size_hourly_fresh ON segment_size_hourly (workspace_id, segment_id, hour_end) WHERE NOT compacted;

-- 4. Foreign keys between distributed tables include workspace_id on both sides; the actions are V2..V11's.
ALTER TABLE customer_companies
    ADD CONSTRAINT customer_companies_usid_fkey FOREIGN KEY (workspace_id, usid)
        REFERENCES customers (workspace_id, usid) ON DELETE CASCADE,
    ADD CONSTRAINT customer_companies_company_id_fkey FOREIGN KEY (workspace_id, company_id)
        REFERENCES companies (workspace_id, id) ON DELETE CASCADE;
ALTER TABLE customer_objects
    ADD CONSTRAINT customer_objects_usid_fkey FOREIGN KEY (workspace_id, usid)
        REFERENCES customers (workspace_id, usid) ON DELETE CASCADE,
    ADD CONSTRAINT customer_objects_object_id_fkey FOREIGN KEY (workspace_id, object_id)
        REFERENCES custom_objects (workspace_id, id) ON DELETE CASCADE;
ALTER TABLE customer_aliases
    ADD CONSTRAINT customer_aliases_usid_fkey FOREIGN KEY (workspace_id, usid)
        REFERENCES customers (workspace_id, usid) ON DELETE CASCADE;
-- A member customer is not deleted silently (V6): it leaves through the ledger first.
ALTER TABLE segment_members
    ADD CONSTRAINT segment_members_segment_id_fkey FOREIGN KEY (workspace_id, segment_id)
        REFERENCES segments (workspace_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT segment_members_usid_fkey FOREIGN KEY (workspace_id, usid)
        REFERENCES customers (workspace_id, usid);
ALTER TABLE segment_transitions
    ADD CONSTRAINT segment_transitions_segment_id_fkey FOREIGN KEY (workspace_id, segment_id)
        REFERENCES segments (workspace_id, id) ON DELETE CASCADE;
ALTER TABLE segment_size_hourly
    ADD CONSTRAINT segment_size_hourly_segment_id_fkey FOREIGN KEY (workspace_id, segment_id)
        REFERENCES segments (workspace_id, id) ON DELETE CASCADE;
