-- What nightly feed runs need: the text kept for re-tagging, fingerprints for repost
-- detection, and a life cycle (seen, missed, closed) per posting of a feed.

alter table postings
  add column description text,
  add column sections jsonb,
  -- normalised title | company | location: the same opening posted again, anywhere
  add column dedup_key text,
  -- 64-bit simhash of the description's word shingles: near-identical text
  add column simhash bigint,
  -- its four 16-bit bands, tagged with their position: two simhashes within 3 bits share at
  -- least one band (pigeonhole), so near-duplicate candidates come from an index, not a scan
  add column simhash_bands int[],
  add column company_key text,
  add column last_seen_at timestamptz,
  -- consecutive runs of its feed that no longer listed it
  add column missed_runs int not null default 0;

create index postings_dedup_key_idx on postings (dedup_key) where dedup_key is not null;
create index postings_company_key_idx on postings (company_key) where company_key is not null;
create index postings_simhash_bands_idx on postings using gin (simhash_bands) where simhash_bands is not null;
create index postings_duplicate_of_idx on postings (duplicate_of) where duplicate_of is not null;

alter table feeds
  -- a posting missing from this many consecutive runs is closed
  add column close_after_missed_runs int not null default 2 check (close_after_missed_runs >= 1),
  add column max_pages int not null default 20 check (max_pages between 1 and 1000),
  -- sitemaps list every page of a site: only URLs matching this regular expression are postings
  add column url_filter text;
