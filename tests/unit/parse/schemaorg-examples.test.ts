// The official schema.org JobPosting examples give the same posting as JSON-LD, microdata, RDFa
// and plain HTML. Read at test time from the shared data folder (never copied into the repo):
// microdata and RDFa must yield the fields the JSON-LD gives.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromJobPosting, parsePosting } from '../../../src/ingest/parse/index.ts';
import type { ParsedPosting } from '../../../src/types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const file = path.resolve(root, '../shared/data/schemaorg/jobposting-examples.jsonl');
const present = existsSync(file);

interface Example { id: string; pre_markup: string; microdata: string; rdfa: string; json: string }

const examples: Example[] = present
  ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Example)
  : [];
const jsonOf = (ex: Example): Record<string, unknown> =>
  JSON.parse(ex.json.replace(/^[\s\S]*?<script[^>]*>/, '').replace(/<\/script>[\s\S]*$/, '')) as Record<string, unknown>;

/** The fields the three markup forms must agree on. */
const fields = (p: ParsedPosting, withCompany: boolean) => ({
  title: p.title,
  company: withCompany ? p.company : undefined,
  location: p.location && { city: p.location.city, region: p.location.region, country: p.location.country },
  employmentType: p.employmentType,
  datePosted: p.datePosted,
  validThrough: p.validThrough,
  salary: p.salary,
});

describe.skipIf(!present)(`schema.org JobPosting examples (${present ? file : `skipped: ${file} not found`})`, () => {
  it('every JSON-LD example parses without error and keeps its title', () => {
    expect(examples.length).toBeGreaterThan(5);
    for (const ex of examples) {
      const jp = jsonOf(ex);
      const p = parsePosting(`<html><head>${ex.json}</head><body></body></html>`);
      expect(p.structuredData.source).toBe('json-ld');
      expect(p.title).toBe(((jp.title ?? jp.name) as string).trim());
    }
  });

  const marked = examples.filter((ex) => ex.microdata.includes('itemscope') && ex.rdfa.includes('typeof'));
  it('has examples in microdata and RDFa', () => expect(marked.length).toBeGreaterThan(0));

  for (const ex of marked) {
    it(`${ex.id}: microdata and RDFa give the JSON-LD's fields`, () => {
      const jp = jsonOf(ex);
      const expected = fields(fromJobPosting(jp), jp.hiringOrganization !== undefined);
      const micro = parsePosting(`<html><body>${ex.microdata}</body></html>`);
      const rdfa = parsePosting(`<html><body>${ex.rdfa}</body></html>`);
      expect(micro.structuredData.source).toBe('microdata');
      expect(rdfa.structuredData.source).toBe('rdfa');
      expect(fields(micro, jp.hiringOrganization !== undefined)).toEqual(expected);
      expect(fields(rdfa, jp.hiringOrganization !== undefined)).toEqual(expected);
      expect(expected.title).toBeTruthy();
    });

    it(`${ex.id}: the plain-HTML form gives the same title, type, date and salary`, () => {
      const expected = fields(fromJobPosting(jsonOf(ex)), false);
      const plain = fields(parsePosting(`<html><body>${ex.pre_markup}</body></html>`), false);
      expect({ ...plain, validThrough: expected.validThrough }).toEqual(expected);
    });
  }
});
