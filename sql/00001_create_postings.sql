-- Postings, their tags, and the feeds they come from.

create table feeds (
  id bigint generated always as identity primary key,
  url text not null unique,
  kind text not null,
  name text,
  -- nightly by default; each feed may carry its own schedule and time zone
  cron text not null default '0 3 * * *',
  timezone text not null default 'UTC',
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table feed_runs (
  id bigint generated always as identity primary key,
  feed_id bigint not null references feeds (id) on delete cascade,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  seen int not null default 0,
  new int not null default 0,
  updated int not null default 0,
  duplicates int not null default 0,
  closed int not null default 0,
  failed int not null default 0,
  errors jsonb not null default '[]'
);
create index feed_runs_feed_idx on feed_runs (feed_id, started_at desc);

create table postings (
  id bigint generated always as identity primary key,
  -- null for pasted text, which has no URL; unique otherwise so a re-submit finds the same posting
  canonical_url text unique,
  url text,
  source text not null default 'submit',
  feed_id bigint references feeds (id) on delete set null,
  external_id text,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  error text,
  content_hash text,
  etag text,
  last_modified text,
  title text,
  company text,
  location jsonb,
  country text,
  workplace text,
  employment_type text,
  date_posted date,
  valid_through date,
  salary jsonb,
  seniority text,
  industries text[] not null default '{}',
  primary_role text,
  -- the full analysis as the API returns it (PRODUCT.md shape)
  analysis jsonb,
  taxonomy_version text,
  -- how many times an analysis was written: the "done exactly once" check reads it
  analyzed_count int not null default 0,
  duplicate_of bigint references postings (id) on delete set null,
  first_seen_at timestamptz not null default now(),
  fetched_at timestamptz,
  analyzed_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);
create index postings_content_hash_idx on postings (content_hash);
create index postings_feed_idx on postings (feed_id, external_id);
-- trend queries group by the posting's date: its datePosted, or when we first saw it
create index postings_status_seen_idx on postings (status, first_seen_at);

create table posting_roles (
  posting_id bigint not null references postings (id) on delete cascade,
  role text not null,
  score real not null,
  is_primary boolean not null default false,
  evidence jsonb not null default '[]',
  primary key (posting_id, role)
);
create index posting_roles_role_idx on posting_roles (role);

create table posting_skills (
  posting_id bigint not null references postings (id) on delete cascade,
  skill text not null,
  requirement text not null check (requirement in ('required', 'preferred', 'mentioned')),
  negated boolean not null default false,
  mentions jsonb not null default '[]',
  primary key (posting_id, skill)
);
create index posting_skills_skill_idx on posting_skills (skill);
