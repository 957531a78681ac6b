-- Re-tagging history: when the taxonomy changes, stored postings are tagged again and the
-- run records what changed, tag by tag (postings per role and per skill, before and after).

create table retag_runs (
  id bigint generated always as identity primary key,
  to_version text not null,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- postings re-tagged, and postings that could not be (analysed before descriptions were kept)
  postings int not null default 0,
  skipped int not null default 0,
  -- [{kind: 'role'|'skill', tag, before, after}] for every tag whose count changed
  changes jsonb not null default '[]',
  error text
);
create index retag_runs_started_idx on retag_runs (started_at desc);
