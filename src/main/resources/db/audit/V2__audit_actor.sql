-- Who caused each recorded event, from the CloudEvents extensions actor, requestid and sourceip.
ALTER TABLE audit_entries ADD COLUMN actor text;
ALTER TABLE audit_entries ADD COLUMN request_id text;
ALTER TABLE audit_entries ADD COLUMN source_ip text;
CREATE INDEX audit_entries_actor ON audit_entries (actor, occurred_at);
