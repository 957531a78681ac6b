import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/analyze.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { upsertSubmittedPostings, writeAnalyses } from '../../../src/db/postings.sql.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// Reposts are linked to the first-seen posting as they are written: the same title, company and
// place, or the same company with near-identical text (simhash within 3 bits, found by band).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const BODY = `Nordlicht Energy runs the software behind 40 wind farms. As a data engineer you will build the
pipelines that turn turbine telemetry into forecasts: ingestion with Kafka, transformations in Python
and SQL, models served to the trading desk every fifteen minutes. You will own data quality checks,
work with our forecasting scientists on features, and keep the warehouse fast and cheap. We run on
GCP with BigQuery and Airflow, review every change, and share on-call across the team. Requirements:
three years of Python, strong SQL, and experience running pipelines in production.`;

async function write(url: string, title: string, company: string, text: string, city = 'Hamburg') {
  const [p] = await upsertSubmittedPostings(db.sql, [{ url, canonicalUrl: url }]);
  const { parsed, analysis } = analyzeText(text, { title, url }, loadDefaultTaxonomy());
  analysis.company = company;
  analysis.location = { raw: city, city, region: null, country: 'DE' };
  await writeAnalyses(db.sql, [{ postingId: p!.id, analysis, description: parsed.description, sections: parsed.sections, contentHash: url, fetchedAt: new Date(), etag: null, lastModified: null }]);
  return p!.id;
}

const duplicateOf = async (id: number) => (await db.sql`select duplicate_of::int as d from postings where id = ${id}`)[0]!.d as number | null;

describe('repost detection', () => {
  it('links the same opening on another board, and the same text under another title', async () => {
    const first = await write('https://a.example/jobs/1', 'Data Engineer', 'Nordlicht Energy GmbH', BODY);
    const sameOpening = await write('https://b.example/p/77', 'Data Engineer', 'Nordlicht Energy', 'A short teaser that links to the full posting for a data engineer.');
    const retitled = await write('https://a.example/jobs/2', 'Data Engineer (Forecasting)', 'Nordlicht Energy', BODY);
    const otherCompany = await write('https://c.example/jobs/9', 'Data Engineer II', 'Sudwind Power', BODY);
    const otherJob = await write('https://a.example/jobs/3', 'Site Reliability Engineer', 'Nordlicht Energy', 'Keep our Kubernetes clusters on GCP healthy, automate with Terraform, and lead incident reviews for the trading platform and its data pipelines.');

    expect(await duplicateOf(first)).toBeNull();
    expect(await duplicateOf(sameOpening)).toBe(first);
    expect(await duplicateOf(retitled)).toBe(first);
    expect(await duplicateOf(otherCompany)).toBeNull();
    expect(await duplicateOf(otherJob)).toBeNull();
  });

  it('links reposts that arrive in the same batch as their original, to the first-seen one', async () => {
    const prepare = async (url: string, title: string, company: string, text: string) => {
      const [p] = await upsertSubmittedPostings(db.sql, [{ url, canonicalUrl: url }]);
      const { parsed, analysis } = analyzeText(text, { title, url }, loadDefaultTaxonomy());
      analysis.company = company;
      analysis.location = { raw: 'Kiel', city: 'Kiel', region: null, country: 'DE' };
      return { postingId: p!.id, analysis, description: parsed.description, sections: parsed.sections, contentHash: url, fetchedAt: new Date(), etag: null, lastModified: null };
    };
    const original = await prepare('https://d.example/jobs/1', 'Data Engineer', 'Baltic Grid', BODY);
    const repost = await prepare('https://e.example/p/1', 'Data Engineer', 'Baltic Grid AG', 'A teaser linking to the data engineer posting.');
    const retitled = await prepare('https://d.example/jobs/2', 'Senior Data Engineer', 'Baltic Grid', BODY);
    const unrelated = await prepare('https://d.example/jobs/3', 'Data Engineer', 'Ostsee Wind', 'Build the wind forecasting pipelines of Ostsee Wind in Python and SQL.');
    // written in one batch, listed out of first-seen order
    await writeAnalyses(db.sql, [retitled, unrelated, repost, original]);

    expect(await duplicateOf(original.postingId)).toBeNull();
    expect(await duplicateOf(repost.postingId)).toBe(original.postingId);
    expect(await duplicateOf(retitled.postingId)).toBe(original.postingId);
    expect(await duplicateOf(unrelated.postingId)).toBeNull();
    // written again (a replayed job): the links stay as they are
    await writeAnalyses(db.sql, [original, repost]);
    expect(await duplicateOf(original.postingId)).toBeNull();
    expect(await duplicateOf(repost.postingId)).toBe(original.postingId);
  });
});
