-- Statistics rollups: the trend API reads only these tables, never postings. Every rollup row
-- is a pure function of the analysed postings of one day (skills: one week; salaries and skill
-- pairs: one month), so a refresher can recompute exactly the periods whose postings changed.
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

-- Weeks and months whose skill rollups are stale: filled by the day pass, drained by the slower
-- pass (recomputing a month of skill pairs costs seconds at scale, so it runs on a timer).
create table stats_dirty_periods (
  kind text not null check (kind in ('week', 'month')),
  start date not null,
  primary key (kind, start)
);

-- When the rollups were last brought up to date (one row): the lag the API reports. Every write
-- committed before refreshed_at is in the day rollups (totals, roles); before
-- months_refreshed_at, in the skill and salary rollups.
create table stats_refresh_state (
  id int primary key default 1 check (id = 1),
  refreshed_at timestamptz not null,
  months_refreshed_at timestamptz not null,
  days_refreshed int not null default 0
);

-- Postings per day, flags and filter (total), and per role (parallel arrays roles / n; a
-- posting counts once under each of its roles). Filters: all of them ('' = none).
create table stats_day_roles (
  f_kind text not null,
  f_val text not null,
  day date not null,
  dup boolean not null,
  open boolean not null,
  total int not null,
  roles text[] not null,
  n int[] not null,
  primary key (f_kind, f_val, day, dup, open)
);

-- Skill rollups hold one row per period, flags and filter, with parallel arrays over skills
-- (n: postings having it, not negated; n_required / n_preferred: of those, where it is required /
-- preferred). A top-skills query then reads a few dozen rows instead of days x skills x flags.
-- Days answer the edges of a range, weeks (Monday) its inside. Filters kept: role, industry,
-- country, workplace, seniority, source ('' = none); a skill filter is answered by the pairs.
create table stats_skill_days (
  f_kind text not null,
  f_val text not null,
  day date not null,
  dup boolean not null,
  open boolean not null,
  skills text[] not null,
  n int[] not null,
  n_required int[] not null,
  n_preferred int[] not null,
  primary key (f_kind, f_val, day, dup, open)
);

create table stats_skill_weeks (
  f_kind text not null,
  f_val text not null,
  week date not null,
  dup boolean not null,
  open boolean not null,
  skills text[] not null,
  n int[] not null,
  n_required int[] not null,
  n_preferred int[] not null,
  primary key (f_kind, f_val, week, dup, open)
);

-- Per month and flags, for each skill a: the skills of the postings having a (arrays as above;
-- b's requirement). skill_a = '' holds every skill's own posting count. Month grain: 25 skills a
-- posting make 600 pairs; the API widens from/to to whole months for these figures (see meta).
create table stats_skill_pairs (
  skill_a text not null,
  month date not null,
  dup boolean not null,
  open boolean not null,
  skills text[] not null,
  n int[] not null,
  n_required int[] not null,
  n_preferred int[] not null,
  primary key (skill_a, month, dup, open)
);

-- Annualised salary midpoints ((annualMin + annualMax) / 2, rounded to 100 units) per month,
-- flags, filter, group and currency, as a histogram (amounts ascending, counts). Grouping by
-- skill is kept without a dimension filter only.
create table stats_salaries (
  f_kind text not null,
  f_val text not null,
  g_kind text not null,
  month date not null,
  g_val text not null,
  currency text not null,
  dup boolean not null,
  open boolean not null,
  amounts bigint[] not null,
  counts int[] not null,
  primary key (f_kind, f_val, g_kind, month, g_val, currency, dup, open)
);

-- The refresher replaces whole days (months) at a time.
create index stats_day_roles_day_idx on stats_day_roles (day);
create index stats_skill_days_day_idx on stats_skill_days (day);
create index stats_skill_weeks_week_idx on stats_skill_weeks (week);
create index stats_skill_pairs_month_idx on stats_skill_pairs (month);
create index stats_salaries_month_idx on stats_salaries (month);
