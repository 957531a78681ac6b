-- Skill vectors in three planes instead of triples (src/stats/skill-vectors.ts): a row of w slots
-- stores n of every slot, then required, then preferred, each little-endian int32. Series and
-- previous-period reads need only n: the first third of the bytes, which Postgres cuts with
-- substring and so ships a third of the bytes (bytea travels as hex text, and decoding it took a
-- quarter of the API's CPU per skills miss). Converts the rows in place: no rebuild of the rollups.

-- The value is detoasted once into d: substring on the stored (external) value fetched a toast
-- slice per call, ~2 ms a row instead of ~0.3.
create function pg_temp.skill_planes(v bytea) returns bytea language plpgsql immutable strict as $$
declare
  w int := length(v) / 12;
  d bytea := v || ''::bytea;
begin
  return (select coalesce(string_agg(substring(d from 12 * (j % w) + 4 * (j / w) + 1 for 4), ''::bytea order by j), ''::bytea)
          from generate_series(0, 3 * w - 1) j);
end $$;

update stats_skill_periods set counts = pg_temp.skill_planes(counts);
update stats_pair_months set counts = pg_temp.skill_planes(counts);

drop function pg_temp.skill_planes(bytea);
