// The fixture corpus: realistic pages written for this project (tests/fixtures/parse/<name>.html),
// each checked against <name>.expected.json on the fields a recruiter and the tagger rely on.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePosting } from '../../../src/ingest/parse/index.ts';
import type { ParsedPosting } from '../../../src/types.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/parse');
const fetchedAt = new Date('2026-11-20T12:00:00Z');
const names = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => f.replace(/\.html$/, '')).sort();

interface Expected {
  title: string | null;
  company: string | null;
  locations: Array<{ city: string | null; region: string | null; country: string | null }>;
  workplace: ParsedPosting['workplace'];
  employmentType: string | null;
  datePosted: string | null;
  validThrough: string | null;
  salary: ParsedPosting['salary'];
  source: string;
  fields: NonNullable<ParsedPosting['structuredData']['fields']>;
  issues: string[];
  sections: string[];
  descriptionIncludes: string[];
  descriptionExcludes: string[];
}

/** Invariants every parse must keep, whatever the page: the tagger depends on them. */
function checkShape(p: ParsedPosting): void {
  const d = p.description;
  expect(d).toBe(d.trim());
  expect(d).not.toMatch(/\n{3,}|[ \t]\n|\n[ \t]/);
  let prevEnd = 0;
  for (const s of p.sections) {
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(d.length);
    expect(d[s.start]).toMatch(/\S/);
    expect(d[s.end - 1]).toMatch(/\S/);
    // a span opens with its heading, or resumes a section whose heading came earlier
    if (s.heading) expect(d.lastIndexOf(s.heading, s.start)).toBeGreaterThanOrEqual(0);
    prevEnd = s.end;
  }
  expect(p.location).toEqual(p.locations[0] ?? null);
  // structuredData.fields names an origin for every field found, and only for those
  const found = Object.entries({
    title: p.title, company: p.company, location: p.location, workplace: p.workplace, employmentType: p.employmentType,
    datePosted: p.datePosted, validThrough: p.validThrough, salary: p.salary, description: p.description || null,
  }).filter(([, v]) => v !== null).map(([k]) => k);
  expect(Object.keys(p.structuredData.fields ?? {}).sort()).toEqual(found.sort());
}

describe('fixture corpus', () => {
  it('has at least 40 pages, each with its expected JSON', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const n of names) expect(() => readFileSync(path.join(dir, `${n}.expected.json`), 'utf8')).not.toThrow();
  });

  for (const name of names) {
    it(name, () => {
      const html = readFileSync(path.join(dir, `${name}.html`), 'utf8');
      const exp = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as Expected;
      const p = parsePosting(html, { url: `https://jobs.example.test/${name}`, fetchedAt });
      checkShape(p);
      expect({
        title: p.title, company: p.company,
        locations: p.locations.map((l) => ({ city: l.city, region: l.region, country: l.country })),
        workplace: p.workplace, employmentType: p.employmentType, datePosted: p.datePosted, validThrough: p.validThrough,
        salary: p.salary, source: p.structuredData.source, fields: p.structuredData.fields,
        issues: p.structuredData.issues.map((i) => `${i.severity}:${i.property}`).sort(),
        sections: p.sections.map((s) => `${s.kind}:${s.heading ?? '-'}`),
      }).toEqual({ ...exp, descriptionIncludes: undefined, descriptionExcludes: undefined });
      for (const s of exp.descriptionIncludes) expect(p.description).toContain(s);
      for (const s of exp.descriptionExcludes) expect(p.description).not.toContain(s);
    });
  }
});
