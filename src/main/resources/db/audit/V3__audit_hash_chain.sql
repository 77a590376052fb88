-- A tamper-evident chain per organisation (ADR 0021). Each row gets its chain (the org id, or `platform` for
-- events without one), its position in that chain (seq, from 1) and
--     hash = SHA-256 hex of (previous row's hash, or 64 zeros for seq 1) || canonical content of the row,
-- where the canonical content is every column but hash, each as a netstring (docs/audit.md). A trigger
-- extends the chain, so every writer appends the same way; it locks the chain's head row, which serialises
-- the appends of one chain across worker instances until their transactions commit.

-- No recorder may insert while the existing rows are chained.
LOCK TABLE audit_entries IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE audit_entries ADD COLUMN chain text;
ALTER TABLE audit_entries ADD COLUMN seq bigint;
ALTER TABLE audit_entries ADD COLUMN hash text;

-- The last link of each chain: what the next row hashes over, and what verification compares the tail with.
CREATE TABLE audit_chain_heads (
    chain text   PRIMARY KEY,
    seq   bigint NOT NULL,
    hash  text   NOT NULL
);

-- One field of the canonical content: a netstring of its UTF-8 bytes ("<length>:<value>,"), "~," for null.
CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '~,' ELSE octet_length(convert_to(value, 'UTF8')) || ':' || value || ',' END
$$;

-- Times in the canonical content: UTC, microseconds, e.g. 2026-11-25T13:18:11.123456Z.
CREATE FUNCTION audit_time(value timestamptz) RETURNS text LANGUAGE sql AS $$
    SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION audit_link_hash(previous text, e audit_entries) RETURNS text LANGUAGE sql AS $$
    SELECT encode(sha256(convert_to(previous
        || audit_field(e.chain) || audit_field(e.seq::text) || audit_field(e.id::text)
        || audit_field(e.event_id) || audit_field(e.event_type) || audit_field(e.source) || audit_field(e.subject)
        || audit_field(e.org_id::text) || audit_field(audit_time(e.occurred_at))
        || audit_field(audit_time(e.recorded_at)) || audit_field(e.actor) || audit_field(e.request_id)
        || audit_field(e.source_ip) || audit_field(e.data::text), 'UTF8')), 'hex')
$$;

-- The rows recorded before this migration start their chains, in the order they were recorded.
DO $$
DECLARE
    entry audit_entries;
    chain_name text;
    previous text;
    n bigint;
BEGIN
    FOR entry IN SELECT * FROM audit_entries ORDER BY coalesce(org_id::text, 'platform'), recorded_at, id LOOP
        entry.chain := coalesce(entry.org_id::text, 'platform');
        IF chain_name IS DISTINCT FROM entry.chain THEN
            chain_name := entry.chain;
            previous := repeat('0', 64);
            n := 0;
        END IF;
        n := n + 1;
        entry.seq := n;
        entry.hash := audit_link_hash(previous, entry);
        UPDATE audit_entries SET chain = entry.chain, seq = entry.seq, hash = entry.hash WHERE id = entry.id;
        previous := entry.hash;
    END LOOP;
    INSERT INTO audit_chain_heads (chain, seq, hash)
    SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_entries ORDER BY chain, seq DESC;
END
$$;

ALTER TABLE audit_entries ALTER COLUMN chain SET NOT NULL, ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_entries_chain_seq ON audit_entries (chain, seq);

-- Appends: whatever the writer puts in chain, seq, recorded_at and hash is replaced by the next link. The
-- head row is created on a chain's first entry and then locked by every append until its transaction ends.
CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_heads;
BEGIN
    NEW.chain := coalesce(NEW.org_id::text, 'platform');
    INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (NEW.chain, 0, repeat('0', 64))
        ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
    NEW.seq := head.seq + 1;
    -- Taken after the lock, so recorded_at follows seq within a chain.
    NEW.recorded_at := clock_timestamp();
    NEW.hash := audit_link_hash(head.hash, NEW);
    UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_chain_append();

-- Append-only: no UPDATE, DELETE or TRUNCATE of entries; heads change only inside the append trigger.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: the audit trail is append-only (ADR 0021)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE FUNCTION audit_heads_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Depth 1 is this trigger fired by a statement of a client; depth 2 is the append trigger's UPDATE.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% on % refused: the audit trail is append-only, heads move only with an appended entry (ADR 0021)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_chain_heads_guard BEFORE UPDATE OR DELETE ON audit_chain_heads
    FOR EACH ROW EXECUTE FUNCTION audit_heads_guard();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_heads_guard();
