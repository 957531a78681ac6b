-- The taxonomy the tagger uses: roles, skills and their aliases, editable by users (CLI, API),
-- seeded from src/classify/taxonomy/*.json. Each stored state has a version row (a content
-- hash); every analysis records the version it was tagged with, so re-tagging can diff.

create table taxonomy_versions (
  version text primary key,
  -- taxonomy-wide extras: context rules for ambiguous words, title lists, industries
  extras jsonb not null default '{}',
  created_at timestamptz not null default now(),
  -- the current version is the one activated last (a version may come back after an undo)
  activated_at timestamptz not null default now()
);
create index taxonomy_versions_activated_idx on taxonomy_versions (activated_at desc);

create table taxonomy_roles (
  id text primary key,
  position int not null,
  name text not null,
  description text not null default '',
  -- title phrases and description cues
  extras jsonb not null default '{}'
);

create table taxonomy_skills (
  id text primary key,
  position int not null,
  name text not null,
  category text not null,
  -- context rule name, role weights, implied skills
  extras jsonb not null default '{}'
);
create index taxonomy_skills_category_idx on taxonomy_skills (category);

create table taxonomy_aliases (
  skill_id text not null references taxonomy_skills (id) on delete cascade on update cascade,
  alias text not null,
  -- plain: any case; exact: case as written; context: case as written and needs a confirming context
  kind text not null default 'plain' check (kind in ('plain', 'exact', 'context')),
  position int not null,
  primary key (skill_id, kind, alias)
);
create index taxonomy_aliases_lower_idx on taxonomy_aliases (lower(alias));
