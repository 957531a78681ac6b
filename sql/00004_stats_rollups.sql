-- Statistics rollups: the trend API reads only these tables, never postings. Every rollup row
-- is a pure function of the analysed postings of one day (or, for salaries and skill pairs, one
-- month), so a refresher can recompute exactly the days (months) whose postings changed.
--
-- Keys: f_kind/f_val is the one dimension filter a row answers ('' = no filter; role, skill,
-- industry, company (lower case), country, workplace, seniority, source); dup (posting is a
-- repost: duplicate_of set) and open (closed_at is null) are raw flags, summed at query time.

-- A posting's statistics day: its datePosted, or the UTC day we first saw it.
create function stats_posting_day(date_posted date, first_seen_at timestamptz) returns date
  language sql immutable parallel safe
  as $$ select coalesce(date_posted, (first_seen_at at time zone 'UTC')::date) $$;

create index postings_stats_day_idx on postings (stats_posting_day(date_posted, first_seen_at)) where status = 'done';
-- GET /postings lists newest first by id; these help its common filters.
create index postings_company_lower_idx on postings (lower(company)) where status = 'done';

-- Days whose rollups are stale. Appended by statement triggers (no unique key: concurrent
-- writers never wait on each other); the refresher deletes what it recomputed.
create table stats_dirty_days (
  id bigint generated always as identity primary key,
  day date not null
);

create function stats_mark_inserted() returns trigger language plpgsql as $$
begin
  insert into stats_dirty_days (day)
  select distinct stats_posting_day(date_posted, first_seen_at) from new_rows where status = 'done';
  return null;
end $$;

create function stats_mark_deleted() returns trigger language plpgsql as $$
begin
  insert into stats_dirty_days (day)
  select distinct stats_posting_day(date_posted, first_seen_at) from old_rows where status = 'done';
  return null;
end $$;

-- Only changes that can move a statistic mark days: feed runs touch last_seen_at on every listed
-- posting, which must not make the whole history dirty. Roles and skills are only rewritten by
-- writeAnalyses, which also sets updated_at. Both the old and the new day are marked.
create function stats_mark_updated() returns trigger language plpgsql as $$
begin
  insert into stats_dirty_days (day)
  select distinct d from (
    select stats_posting_day(o.date_posted, o.first_seen_at) as d, o.status as s
      from old_rows o join new_rows n on n.id = o.id
      where o.updated_at is distinct from n.updated_at or o.status is distinct from n.status
        or (o.closed_at is null) <> (n.closed_at is null) or (o.duplicate_of is null) <> (n.duplicate_of is null)
    union all
    select stats_posting_day(n.date_posted, n.first_seen_at), n.status
      from old_rows o join new_rows n on n.id = o.id
      where o.updated_at is distinct from n.updated_at or o.status is distinct from n.status
        or (o.closed_at is null) <> (n.closed_at is null) or (o.duplicate_of is null) <> (n.duplicate_of is null)
  ) changed
  where s = 'done';
  return null;
end $$;

create trigger stats_postings_inserted after insert on postings
  referencing new table as new_rows for each statement execute function stats_mark_inserted();
create trigger stats_postings_updated after update on postings
  referencing old table as old_rows new table as new_rows for each statement execute function stats_mark_updated();
create trigger stats_postings_deleted after delete on postings
  referencing old table as old_rows for each statement execute function stats_mark_deleted();

-- Months whose month rollups (salaries, skill pairs) are stale: filled by the day pass, drained
-- by the month pass, which may run less often (recomputing a month costs seconds at scale).
create table stats_dirty_months (
  month date primary key
);

-- When the rollups were last brought up to date (one row): the lag the API reports. Every write
-- committed before refreshed_at is in the day rollups; before months_refreshed_at, in the month ones.
create table stats_refresh_state (
  id int primary key default 1 check (id = 1),
  refreshed_at timestamptz not null,
  months_refreshed_at timestamptz not null,
  days_refreshed int not null default 0
);

-- Postings per day and filter.
create table stats_totals (
  f_kind text not null,
  f_val text not null,
  day date not null,
  dup boolean not null,
  open boolean not null,
  n int not null,
  primary key (f_kind, f_val, day, dup, open)
);

-- Postings per day, filter and role (a posting counts once under each of its roles).
create table stats_roles (
  f_kind text not null,
  f_val text not null,
  day date not null,
  role text not null,
  dup boolean not null,
  open boolean not null,
  n int not null,
  primary key (f_kind, f_val, day, role, dup, open)
);

-- Postings per day, filter and skill (negated mentions excluded). The skill filter is answered
-- by stats_skill_pairs; company filters are not kept here (too many rows per company).
create table stats_skills (
  f_kind text not null,
  f_val text not null,
  day date not null,
  skill text not null,
  dup boolean not null,
  open boolean not null,
  n int not null,
  n_required int not null,
  n_preferred int not null,
  primary key (f_kind, f_val, day, skill, dup, open)
);

-- Postings per month having both skills (b's requirement split out), stored in both directions
-- so one range answers "with X". Month grain: 25 skills a posting make 600 ordered pairs, too
-- many rows per day; the API snaps from/to to whole months for these figures and says so in meta.
create table stats_skill_pairs (
  skill_a text not null,
  month date not null,
  skill_b text not null,
  dup boolean not null,
  open boolean not null,
  n int not null,
  n_required int not null,
  n_preferred int not null,
  primary key (skill_a, month, skill_b, dup, open)
);

-- Annualised salary midpoints per month, filter, group and currency, bucketed to `amount`
-- (rounded to 100 units), so percentiles come from a small weighted histogram.
create table stats_salaries (
  f_kind text not null,
  f_val text not null,
  g_kind text not null,
  month date not null,
  g_val text not null,
  currency text not null,
  amount bigint not null,
  dup boolean not null,
  open boolean not null,
  n int not null,
  primary key (f_kind, f_val, g_kind, month, g_val, currency, amount, dup, open)
);

-- The refresher replaces whole days (months) at a time.
create index stats_totals_day_idx on stats_totals (day);
create index stats_roles_day_idx on stats_roles (day);
create index stats_skills_day_idx on stats_skills (day);
create index stats_skill_pairs_month_idx on stats_skill_pairs (month);
create index stats_salaries_month_idx on stats_salaries (month);
-- One skill's own row (a = b) is its posting count: cooccurrence reads all of them for a month.
create index stats_skill_pairs_diag_idx on stats_skill_pairs (month) where skill_a = skill_b;
