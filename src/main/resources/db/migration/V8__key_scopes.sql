-- Browser keys (pub_…): public write keys that analytics.js carries in web pages, limited to
-- browser-safe messages; ingestion keys (ing_…) keep every ingest power, admin keys (adm_…) never ingest.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_kind_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_kind_check CHECK (kind IN ('browser', 'ingest', 'admin'));
