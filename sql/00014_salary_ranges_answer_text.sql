-- Salary range rows hold the answer's data as the API sends it (src/db/trends.sql.ts
-- salaryBands): [{"group":..,"currency":..,"n":..,"p25":..,"p50":..,"p75":..}, ...], written by
-- JSON.stringify. The API splices the text into the answer instead of parsing [group, currency,
-- n, p25, p50, p75] tuples and serialising them again: for groupBy=skill (~2,600 bands, 112 KB)
-- parse and serialise were ~2 ms of API CPU per answer, more than the rest of the request.
-- json (not jsonb) keeps the text exactly as written, which the splice relies on.
alter table stats_salary_ranges rename column bands to data;

-- Existing rows, converted in place: json_array_elements and -> return each element's text as
-- stored (JSON.stringify's), so the objects carry the same number and string tokens.
update stats_salary_ranges set data = coalesce((
  select '[' || string_agg(
      '{"group":' || (b -> 0)::text || ',"currency":' || (b -> 1)::text || ',"n":' || (b -> 2)::text
      || ',"p25":' || (b -> 3)::text || ',"p50":' || (b -> 4)::text || ',"p75":' || (b -> 5)::text || '}',
      ',' order by i) || ']'
  from json_array_elements(data) with ordinality as x(b, i)), '[]')::json;
