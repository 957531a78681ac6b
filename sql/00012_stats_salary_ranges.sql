-- Salary percentiles per range of whole months, precomputed. A salary answer depends only on
-- (filter, group kind, combo, first month, last month): the API snaps from/to to whole months.
-- Merging the month histograms of stats_salary_months per request cost 0.7-2 s at 1 M postings
-- (groupBy=skill: ~1,350 groups x 4 months x hundreds of amounts shipped and merged). One row
-- here holds a whole answer, so a request reads one row. Ranges of up to 24 months are kept
-- (src/db/stats-rollups.sql.ts MAX_RANGE_MONTHS); longer ones are still merged per request.
--
-- bands: [[group, currency, n, p25, p50, p75], ...] in answer order (n descending, group,
-- currency); '[]' when the partition has no salary in the range. The refresher recomputes every
-- range holding a month whose histograms it rewrote (stats_dirty_periods kind 'salary').
create table stats_salary_ranges (
  f_kind text not null,
  f_val text not null,
  g_kind text not null,
  combo smallint not null check (combo between 0 and 3),
  first_month date not null,
  last_month date not null check (last_month >= first_month),
  bands json not null,
  primary key (f_kind, f_val, g_kind, combo, first_month, last_month)
);

alter table stats_dirty_periods drop constraint stats_dirty_periods_kind_check;
alter table stats_dirty_periods add constraint stats_dirty_periods_kind_check check (kind in ('week', 'month', 'salary'));

-- Existing month histograms: the next refresh builds the ranges from them (no full rebuild).
insert into stats_dirty_periods (kind, start) select distinct 'salary', month from stats_salary_months on conflict do nothing;
