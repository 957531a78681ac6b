-- Skill rollups as dense vectors (src/stats/skill-vectors.ts): summing a top-skills range in
-- Postgres unnested every skill of every row into a tuple (15-30 ms a query at 1 M postings);
-- Node sums int32 vectors in well under a millisecond. Every skill gets a fixed slot here,
-- append-only (slots are never reused or renumbered, so stored vectors stay valid); a row's
-- counts are int32 little-endian triples [n, required, preferred] per slot, trailing slots that
-- did not exist when it was written left out.

create table stats_skill_index (
  slot int primary key check (slot >= 0),
  skill text not null unique
);

truncate stats_skill_periods, stats_pair_months;
alter table stats_skill_periods drop column skills, drop column n, drop column n_required, drop column n_preferred,
  add column counts bytea not null;
alter table stats_pair_months drop column skills, drop column n, drop column n_required, drop column n_preferred,
  add column counts bytea not null;
-- Already dense: compressing them only costs time on every read.
alter table stats_skill_periods alter column counts set storage external;
alter table stats_pair_months alter column counts set storage external;

-- The rollups must be rebuilt in the new shape: the next refresh starts from scratch.
delete from stats_refresh_state;
delete from stats_dirty_periods;
