-- Writing a batch of 200 analysed postings cost Postgres ~4 ms of CPU per posting; two things
-- made most of it:
--
-- 1. The statement-level update trigger that marks statistics days dirty (00004) read its
--    transition tables: every updated row, descriptions and analyses included, captured and
--    scanned four times. 545 ms of a batch's 650. A row-level trigger whose WHEN clause sees
--    only the columns that move a statistic costs 40 ms for the same batch. It appends one
--    row per changed posting (no unique key, as before: writers never wait on each other); the
--    refresher reads distinct days and deletes what it recomputed, as before.
-- 2. The near-duplicate band index (00009) is a GIN index. With fastupdate, new entries wait in
--    a pending list that every lookup scans, and every analysed posting adds entries, so the
--    repost lookup grew with the writes since the last vacuum (200-250 ms a batch). Without it
--    entries go straight into the index: 11 ms a batch.
create function stats_mark_row_updated() returns trigger language plpgsql as $$
declare
  old_day date := stats_posting_day(old.date_posted, old.first_seen_at);
  new_day date := stats_posting_day(new.date_posted, new.first_seen_at);
begin
  if old.status = 'done' then
    insert into stats_dirty_days (day) values (old_day);
  end if;
  if new.status = 'done' and (old.status is distinct from 'done' or new_day is distinct from old_day) then
    insert into stats_dirty_days (day) values (new_day);
  end if;
  return null;
end $$;

drop trigger stats_postings_updated on postings;
drop function stats_mark_updated();
create trigger stats_postings_updated after update on postings
  for each row
  when (old.updated_at is distinct from new.updated_at or old.status is distinct from new.status
        or (old.closed_at is null) <> (new.closed_at is null) or (old.duplicate_of is null) <> (new.duplicate_of is null))
  execute function stats_mark_row_updated();

alter index postings_canonical_simhash_bands_idx set (fastupdate = off);
