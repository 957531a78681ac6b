-- The large per-posting columns are compressed with lz4 instead of Postgres' default pglz where
-- the server was built with lz4 (Debian's and the official Docker images are). Measured on 4,000
-- bench postings (9 KB analysis, 10 KB description): inserting them took 440-515 ms instead of
-- 715-755 ms (about 0.06 ms of Postgres CPU a posting, most of what compression cost) and
-- reading the analyses back 40 ms instead of 65 ms, for about 10% more bytes on disk.
-- Only values written from now on are affected; existing rows keep pglz and stay readable.
do $$
begin
  if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
    alter table postings
      alter column analysis set compression lz4,
      alter column description set compression lz4,
      alter column sections set compression lz4;
    alter table posting_skills alter column mentions set compression lz4;
    alter table posting_roles alter column evidence set compression lz4;
  end if;
end $$;
