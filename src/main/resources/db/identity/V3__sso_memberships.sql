-- Memberships that the external IdP grants (SSO): synchronised from the token's claim on each sign-in, removed
-- when the claim no longer names their organisation. Memberships made through the API stay as they are.
ALTER TABLE memberships ADD COLUMN managed_by_sso boolean NOT NULL DEFAULT false;
