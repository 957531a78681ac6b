-- When each pass last changed a rollup row, as against when it last looked (refreshed_at,
-- months_refreshed_at: the lag answers report). Every transaction that rewrites rollup rows sets
-- its pass's stamp to its own clock time, so a stamp moves with the rows, atomically, and only
-- then. API processes keep the rows they read until their pass's stamp moves
-- (src/db/rollup-rows.sql.ts); keyed on refreshed_at instead, every idle refresher tick (60 s by
-- default) made them read every row again.
alter table stats_refresh_state
  add column days_changed_at timestamptz,
  add column months_changed_at timestamptz;
update stats_refresh_state set days_changed_at = refreshed_at, months_changed_at = months_refreshed_at;
