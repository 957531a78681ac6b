-- When the rollup rows of each period last changed: grain 'd' (a day's role and skill rows), 'w'
-- (a week's skill rows), 'm' (a month's skill rows, pairs and salary histograms, and the salary
-- ranges holding it). The transaction that rewrites a period's rows stamps it with its own clock
-- time, so the stamp moves with the rows, atomically, and only then. API processes keep the rows
-- they read until their period's stamp moves (src/stats/period-stamps.ts); with one stamp per
-- pass (00016), a refresh that rewrote today's rows made them read every day's rows again.
-- rebuilt_at moves when a rebuild truncates every rollup: then nothing kept is valid.
create table stats_period_changes (
  grain "char" not null check (grain in ('d', 'w', 'm')),
  start date not null,
  changed_at timestamptz not null,
  primary key (grain, start)
);
-- API processes read the changes after the last one they saw, once a second.
create index stats_period_changes_changed_idx on stats_period_changes (changed_at);

alter table stats_refresh_state
  add column rebuilt_at timestamptz,
  drop column days_changed_at,
  drop column months_changed_at;
-- Rollups built before this migration have no period stamps: one base stamp for all of them.
update stats_refresh_state set rebuilt_at = clock_timestamp();
