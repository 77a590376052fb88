-- Who caused each event, for the audit trail (CloudEvents extensions actor, requestid, sourceip).
ALTER TABLE outbox ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
