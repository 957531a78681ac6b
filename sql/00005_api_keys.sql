-- API keys: the secret is shown once at creation and stored only as its SHA-256 (see
-- src/api/auth/api-key.ts for why a fast hash is right here); the prefix is public and
-- is how a presented key is found.
create table api_keys (
  id bigint generated always as identity primary key,
  prefix text not null unique check (prefix ~ '^[0-9a-f]{12}$'),
  secret_hash bytea not null check (octet_length(secret_hash) = 32),
  name text not null check (length(name) between 1 and 200),
  scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['submit', 'read', 'admin']),
  -- null: the deployment's RATE_LIMIT_PER_MINUTE
  rate_limit_per_minute int check (rate_limit_per_minute > 0),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
