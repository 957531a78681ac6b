-- Repost detection looks for the earliest *canonical* posting (not itself a duplicate) with the
-- same dedup key, or of the same company with near-identical text. The old indexes held every
-- posting, so a company that posts one text many times (store jobs in 200 towns) made each write
-- visit all of that company's postings: 32 ms per posting at 8,000 of them. These partial indexes
-- hold canonical postings only, so a lookup finds the one or few originals: 0.2 ms.
drop index postings_dedup_key_idx;
drop index postings_simhash_bands_idx;
drop index postings_company_key_idx;
create index postings_canonical_dedup_key_idx on postings (dedup_key)
  where duplicate_of is null and status = 'done' and dedup_key is not null;
create index postings_canonical_simhash_bands_idx on postings using gin (simhash_bands)
  where duplicate_of is null and status = 'done' and simhash_bands is not null;
