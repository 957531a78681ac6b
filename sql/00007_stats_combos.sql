-- Statistics rollups, pre-summed per answer (replaces the flag rows of 00004). A query counts
-- either all postings or unique openings (reposts folded), and either all or open-only postings:
-- four answers, the combo (bit 1: unique, bit 2: open only; 0 all .. 3 unique and open). Each row
-- holds one combo already summed, so a query reads one row per period instead of summing up to
-- four flag rows and throwing most of them away. Skills also keep weeks (Monday) and months, so a
-- long range is a few month rows plus the weeks and days at its edges.
--
-- The filters (f_kind/f_val, '' = none) and the refresh scheme are those of 00004: days are
-- recomputed from postings, weeks and months are sums of their days (skills) or recomputed from
-- postings (pairs, salaries).

drop table stats_day_roles, stats_skill_days, stats_skill_weeks, stats_skill_pairs, stats_salaries;

-- Postings per day, combo and filter (total), and per role (parallel arrays roles / n).
create table stats_role_days (
  f_kind text not null,
  f_val text not null,
  combo smallint not null check (combo between 0 and 3),
  day date not null,
  total int not null,
  roles text[] not null,
  n int[] not null,
  primary key (f_kind, f_val, combo, day)
);

-- Skills per period (grain d: day, w: week starting Monday, m: month), combo and filter; total is
-- the postings under the filter in the period (the denominator of a share).
create table stats_skill_periods (
  f_kind text not null,
  f_val text not null,
  combo smallint not null check (combo between 0 and 3),
  grain "char" not null check (grain in ('d', 'w', 'm')),
  start date not null,
  total int not null,
  skills text[] not null,
  n int[] not null,
  n_required int[] not null,
  n_preferred int[] not null,
  primary key (f_kind, f_val, combo, grain, start)
);

-- Per month and combo, for each skill a: the skills of the postings having a; skill_a = '' holds
-- every skill's own posting count.
create table stats_pair_months (
  skill_a text not null,
  combo smallint not null check (combo between 0 and 3),
  month date not null,
  skills text[] not null,
  n int[] not null,
  n_required int[] not null,
  n_preferred int[] not null,
  primary key (skill_a, combo, month)
);

-- Salary midpoint histograms per month, combo, filter, group and currency (amounts ascending).
create table stats_salary_months (
  f_kind text not null,
  f_val text not null,
  g_kind text not null,
  combo smallint not null check (combo between 0 and 3),
  month date not null,
  g_val text not null,
  currency text not null,
  amounts bigint[] not null,
  counts int[] not null,
  primary key (f_kind, f_val, g_kind, combo, month, g_val, currency)
);

-- The refresher replaces whole days (weeks, months) at a time.
create index stats_role_days_day_idx on stats_role_days (day);
create index stats_skill_periods_start_idx on stats_skill_periods (grain, start);
create index stats_pair_months_month_idx on stats_pair_months (month);
create index stats_salary_months_month_idx on stats_salary_months (month);

-- The rollups must be rebuilt in the new shape: the next refresh starts from scratch.
delete from stats_refresh_state;
delete from stats_dirty_periods;
