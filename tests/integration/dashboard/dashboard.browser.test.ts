import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/api/auth/manage-keys.ts';
import { loadTaxonomy } from '../../../src/classify/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { startApi, startWorker } from '../../../src/runtime.ts';
import type { Running } from '../../../src/runtime.ts';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { createTestDatabase, deletePrefix, testConfig, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { seedPostings } from './seed-postings.ts';

// The dashboard in Debian's headless Chromium, driven by playwright-core, against a real API on
// a database seeded through the real write path. Screenshots land in tests/output/.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OUT = fileURLToPath(new URL('../../output/', import.meta.url));
const SEEDED = 40;

let db: TestDatabase;
let prefix: string;
let pages: TestServer;
let api: Running & { url: string };
let securedApi: Running & { url: string };
let worker: Running;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const refused: string[] = [];

// A setup failure (above all: no browser) fails every test with its reason: a failing hook alone
// would leave the tests counted as skipped, and a missing browser must never look like a skip.
let setupError: unknown = null;
beforeEach(() => {
  if (setupError) throw setupError;
});

beforeAll(async () => {
  try {
    await setUp();
  } catch (err) {
    setupError = err;
  }
});

async function setUp() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the dashboard browser test needs Debian's chromium package (run .ci/install-browser.sh)`);
  await mkdir(OUT, { recursive: true });
  db = await createTestDatabase();
  prefix = testPrefix();
  await seedPostings(db.sql, await loadTaxonomy(db.sql), SEEDED);
  const posting = await readFile(new URL('../../fixtures/dashboard/recruiter-posting.html', import.meta.url), 'utf8');
  pages = await startServer({
    '/jobs/data-engineer-42': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(posting),
    '/jobs/gone': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>This job is no longer available</h1>'),
  });
  const config = testConfig(db, prefix);
  const logger = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  worker = await startWorker(config, logger, metrics);
  api = await startApi(config, logger, metrics);
  // The same database behind an API that wants keys, as deployed: the page must ask for one and use it.
  securedApi = await startApi(testConfig(db, prefix, { AUTH_ENABLED: 'true' }), logger, createMetrics());
  // Statistics may lag the writes (rollups refreshed in the background): wait until the seed shows.
  await waitFor(async () => (await apiGet('/trends/roles')).body.data?.length > 0, 30_000, 100);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium logs every 4xx answer; those are checked through `refused` below. Anything else logged as an error is a bug (CSP violations included).
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) pageErrors.push(`console: ${msg.text()}`);
  });
  page.on('response', async (res) => {
    if (res.status() >= 500) pageErrors.push(`HTTP ${res.status()} ${res.url()}`);
    else if (res.status() >= 400) refused.push(`${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
}

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await securedApi?.close();
  await worker?.close();
  await pages?.close();
  await db?.drop();
  if (prefix) await deletePrefix(prefix);
});

async function apiGet(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}/api/v1${path}`);
  return { status: res.status, body: await res.json() };
}

// What a panel's numbers should be: the API's own answer for the same query.
function roleTotals(rows: Array<{ role: string; count: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.role, (totals.get(r.role) ?? 0) + r.count);
  return totals;
}

async function tableCounts(panel: string): Promise<Map<string, number>> {
  const rows = await page.$$eval(`${panel} table.summary tbody tr`, (trs) => trs.map((tr) => [tr.getAttribute('data-key') ?? '', tr.querySelector('td')?.textContent ?? ''] as const));
  return new Map(rows.map(([k, v]) => [k, Number(v.replaceAll(',', ''))]));
}

// Generous: CI runs many integration files at once on two cores.
const ready = (panel: string) => page.waitForSelector(`${panel}[data-state=ready]`, { timeout: 30_000 });

describe('dashboard', () => {
  it('serves the page with a strict Content-Security-Policy and Chart.js from this server', async () => {
    const res = await fetch(`${api.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/i); // nothing from a CDN
    const chart = await fetch(`${api.url}/assets/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${api.url}/assets/../package.json`)).status).toBe(404);
    // The nav's API docs link leads somewhere.
    const docs = /href="(\/api\/v1\/docs[^"]*)"/.exec(html)?.[1];
    expect(docs).toBeDefined();
    expect((await fetch(`${api.url}${docs}`)).status).toBe(200);
  });

  it('draws role demand over time with every seeded role', async () => {
    await page.goto(`${api.url}/`);
    await ready('#panel-roles');
    const expected = roleTotals((await apiGet('/trends/roles?interval=week')).body.data);
    expect([...expected.keys()].sort()).toEqual(['api-integration', 'automation-devops', 'data-science-ml', 'full-stack', 'security-scalability']);
    expect(await tableCounts('#panel-roles')).toEqual(expected);
    // The canvas really has a chart on it: a good share of its pixels are painted.
    const painted = await page.$eval('#panel-roles canvas', (c) => {
      const canvas = c as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(2000);
    const datasets = await page.$eval('#panel-roles canvas', (c) => (window as any).Chart.getChart(c).data.datasets.length);
    expect(datasets).toBe(5);
    // The same numbers period by period, for those who cannot see the lines: every week, every role.
    const matrix = await page.$$eval('#panel-roles table.by-period tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    expect(matrix.length).toBeGreaterThanOrEqual(12);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it('shows the stats panels, or says plainly that their endpoint is unavailable', async () => {
    const panels = [
      { id: '#panel-skills', path: '/trends/skills?limit=20' },
      { id: '#panel-cooccurrence', path: '/skills/python/cooccurrence?limit=15' },
      { id: '#panel-salaries', path: '/salaries?groupBy=role' },
      { id: '#panel-skill-series', path: '/trends/skills/series?interval=week' },
    ];
    for (const p of panels) {
      const probe = await apiGet(p.path);
      if (probe.status === 404 && /no route/i.test(probe.body.detail ?? '')) {
        await page.waitForSelector(`${p.id}[data-state=unavailable]`, { timeout: 30_000 });
        expect(await page.textContent(`${p.id} .status`)).toMatch(/unavailable/);
        continue;
      }
      expect(probe.status, `${p.path}: ${JSON.stringify(probe.body)}`).toBe(200);
      await ready(p.id);
      // The panel's table holds exactly the API's rows.
      const keys = await page.$$eval(`${p.id} tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-key')));
      const rows = probe.body.data as Array<Record<string, string>>;
      const expected = p.id === '#panel-skill-series' ? (probe.body.meta.skills as string[]) : rows.map((r) => (p.id === '#panel-salaries' ? `${r.group}|${r.currency}` : r.skill));
      expect(keys).toEqual(expected);
      expect(keys.length).toBeGreaterThan(0);
    }
    if (!(await page.$('#panel-salaries[data-state=ready]'))) return;
    // One chart per currency: never two currencies on one axis.
    const salaries = (await apiGet('/salaries?groupBy=role')).body.data as Array<{ currency: string }>;
    const figures = await page.$$eval('#panel-salaries figure', (fs) => fs.map((f) => f.getAttribute('data-currency')));
    expect(figures.sort()).toEqual([...new Set(salaries.map((r) => r.currency))].sort());
    expect(figures.length).toBeGreaterThan(1);
    // Required vs preferred: Python is required in every seeded posting, so its bar is all "required".
    const python = await page.$eval('#panel-skills canvas', (c) => {
      const chart = (window as any).Chart.getChart(c);
      const i = chart.data.labels.indexOf('Python');
      return chart.data.datasets.map((d: any) => [d.label, d.data[i]]);
    });
    expect(python).toEqual([['Required', SEEDED], ['Preferred', 0], ['Mentioned', 0]]);

    // Rising only: the rows the API marks rising, fastest first.
    await page.selectOption('#panel-skills select[name=view]', 'rising');
    const rising = (await apiGet('/trends/skills?limit=20')).body.data.filter((r: { trend: string }) => r.trend === 'rising');
    const risingShown = await page.$$eval('#panel-skills tbody tr', (trs) => trs.map((tr) => tr.querySelector('.trend')?.className));
    expect(risingShown).toHaveLength(rising.length);
    expect(risingShown.every((c) => c === 'trend rising')).toBe(true);
    await page.selectOption('#panel-skills select[name=view]', 'top');

    // Another skill in the co-occurrence picker: its own answer, with lift.
    const docker = page.waitForResponse((r) => r.url().includes('/api/v1/skills/docker/cooccurrence'));
    await page.selectOption('#panel-cooccurrence select[name=skill]', 'docker');
    const dockerRows = ((await (await docker).json()) as { data: Array<{ skill: string }> }).data;
    await ready('#panel-cooccurrence');
    expect(await page.$$eval('#panel-cooccurrence tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual(dockerRows.map((r) => r.skill));
    await page.screenshot({ path: `${OUT}dashboard.png`, fullPage: true });
  });

  it('updates every panel when a filter or the interval changes', async () => {
    const waits = ['/trends/roles', '/trends/skills', '/salaries', '/cooccurrence'].map((path) =>
      page.waitForResponse((r) => r.url().includes(path) && r.url().includes('workplace=remote')),
    );
    await page.selectOption('#f-workplace', 'remote');
    const [rolesRes] = await Promise.all(waits);
    expect(page.url()).toContain('workplace=remote');
    await ready('#panel-roles');
    const body = (await rolesRes!.json()) as { data: Array<{ role: string; count: number }> };
    expect(await tableCounts('#panel-roles')).toEqual(roleTotals(body.data));
    // Every panel answers for the new filters; one that cannot take a filter says so and answers without it.
    for (const id of ['#panel-skills', '#panel-skill-series', '#panel-cooccurrence', '#panel-salaries']) {
      const state = await page.waitForFunction((sel) => { const s = document.querySelector(sel)?.getAttribute('data-state'); return s !== 'loading' && s; }, id);
      expect(['ready', 'empty', 'unavailable']).toContain(await state.jsonValue());
      const note = await page.$(`${id} .panel-note`);
      if (note) expect(await note.textContent()).toMatch(/Not filtered by workplace|Counted from the matching postings/);
    }
    const remoteSkills = await apiGet('/trends/skills?workplace=remote&limit=20');
    if (remoteSkills.status === 200) {
      const shown = await page.$$eval('#panel-skills tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('td')?.textContent]));
      expect(shown).toEqual(remoteSkills.body.data.map((r: { skill: string; count: number }) => [r.skill, String(r.count)]));
    }

    const monthly = page.waitForResponse((r) => r.url().includes('/api/v1/trends/roles') && r.url().includes('interval=month'));
    await page.selectOption('#panel-roles select[name=interval]', 'month');
    await monthly;
    await ready('#panel-roles');
    const labels = await page.$eval('#panel-roles canvas', (c) => (window as any).Chart.getChart(c).data.labels as string[]);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(4);
    expect(labels.every((l) => l.endsWith('-01'))).toBe(true);
    expect(await page.$eval('#panel-roles a.csv', (a) => (a as HTMLAnchorElement).href)).toMatch(/format=csv/);
    await page.screenshot({ path: `${OUT}dashboard-filtered.png`, fullPage: true });

    // The count and open switches reach the API too.
    const unique = page.waitForResponse((r) => r.url().includes('/api/v1/trends/roles') && r.url().includes('count=unique') && r.url().includes('open=open'));
    await page.check('#filters input[name=count][value=unique]');
    await page.check('#filters input[name=open][value=open]');
    await unique;
    await ready('#panel-roles');

    await page.click('#filters button[type=reset]');
    await page.waitForFunction(() => location.search === '');
    await ready('#panel-roles');
  });

  it("analyses a recruiter's URL: facts, roles, skills by requirement, evidence and markup issues", async () => {
    await page.fill('#r-url', pages.url('/jobs/data-engineer-42'));
    await page.click('#recruiter-form button[type=submit]');
    await page.waitForSelector('#analysis:not([hidden])', { timeout: 30_000 });
    const analysis = page.locator('#analysis');
    expect(await analysis.locator('h2').textContent()).toBe('Senior Data Engineer (Python)');
    const facts = await analysis.locator('.facts').textContent();
    for (const fact of ['Vellum Freight', 'Rotterdam', 'Hybrid', '€72,000–€88,000 per year', 'Senior']) expect(facts).toContain(fact);
    expect(await analysis.locator('.role').first().textContent()).toContain('1.00');
    const group = (g: string) => analysis.locator(`[data-group=${g}] .chip`).evaluateAll((els) => els.map((e) => e.getAttribute('data-skill')));
    expect(await group('required')).toEqual(expect.arrayContaining(['python', 'pandas', 'postgresql', 'docker']));
    expect(await group('preferred')).toEqual(expect.arrayContaining(['kafka', 'aws']));
    expect(await analysis.locator('.chip.negated[data-skill=java] del').count()).toBe(1);
    // Evidence: marked in the description when the API sends it, else each mention as found.
    const mentions = await analysis.locator('.mentions mark, .evidence-text mark').allTextContents();
    expect(mentions).toEqual(expect.arrayContaining(['Python', 'Apache Airflow', 'Kafka', 'Java']));
    const issues = await analysis.locator('.issues li').allTextContents();
    expect(issues.some((t) => t.includes('validThrough'))).toBe(true);
    await analysis.screenshot({ path: `${OUT}recruiter-url.png` });
  });

  it('says why when a posting URL cannot be analysed', async () => {
    await page.fill('#r-url', pages.url('/jobs/gone'));
    await page.click('#recruiter-form button[type=submit]');
    await page.waitForSelector('#recruiter-status.error', { timeout: 30_000 });
    expect(await page.textContent('#recruiter-status')).toMatch(/could not be analysed.*404/);
    // The last good analysis stays on screen.
    expect(await page.locator('#analysis h2').textContent()).toBe('Senior Data Engineer (Python)');
  });

  it('highlights the evidence in pasted text, negated mentions struck through', async () => {
    await page.check('#recruiter-form input[value=text]');
    await page.fill('#r-title', 'Python Backend Developer');
    await page.fill(
      '#r-text',
      'We are looking for a Python backend developer to join our payments team in Lisbon (remote friendly).\n\n' +
        'Requirements:\n- 4+ years with Python and Django\n- PostgreSQL and Redis\n- Writing tests with pytest\n\n' +
        'Nice to have:\n- Kubernetes\n- AWS\n\nNo PHP experience needed.',
    );
    await page.click('#recruiter-form button[type=submit]');
    await page.waitForSelector('#analysis .evidence-text mark[data-skill=django]', { timeout: 30_000 });
    const marks = await page.$$eval('#analysis .evidence-text mark', (ms) => ms.map((m) => ({ skill: m.getAttribute('data-skill'), text: m.textContent, cls: m.className })));
    expect(marks).toEqual(expect.arrayContaining([
      { skill: 'python', text: 'Python', cls: 'required' },
      { skill: 'django', text: 'Django', cls: 'required' },
      { skill: 'kubernetes', text: 'Kubernetes', cls: 'preferred' },
    ]));
    expect(marks.find((m) => m.skill === 'php')?.cls).toBe('mentioned negated');
    // The marked-up text is the parsed description the offsets point into (list markers dropped).
    const shown = await page.$eval('#analysis .evidence-text', (e) => e.textContent);
    expect(shown).toContain('Requirements:\n4+ years with Python and Django\nPostgreSQL and Redis');
    await page.locator('#recruiter').screenshot({ path: `${OUT}recruiter-text.png` });
  });

  it('opens with the filters in its URL: the top skills of one role', async () => {
    await page.goto(`${api.url}/?role=data-science-ml`);
    await ready('#panel-skills');
    expect(await page.$eval('#f-role', (s) => (s as HTMLSelectElement).value)).toBe('data-science-ml');
    expect(await page.$eval('#f-role', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Data Science & Machine Learning');
    const expected = await apiGet('/trends/skills?role=data-science-ml&limit=20');
    const shown = await page.$$eval('#panel-skills tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(shown).toEqual(expected.body.data.map((r: { skill: string }) => r.skill));
    expect(shown).toContain('pytorch');
    expect(shown).not.toContain('fastapi'); // an API role's skill, not asked for by these postings
  });

  it('says when nothing matches, and combines two filters', async () => {
    await page.goto(`${api.url}/`);
    await ready('#panel-roles');
    await page.fill('#f-country', 'jp');
    await page.press('#f-country', 'Enter');
    await page.waitForSelector('#panel-roles[data-state=empty]');
    expect(await page.textContent('#panel-roles .status')).toMatch(/No postings match/);
    expect(page.url()).toContain('country=JP');

    // Two dimension filters at once: the API counts them from the postings, and the panels show it.
    await page.fill('#f-country', '');
    await page.selectOption('#f-workplace', 'remote');
    const both = page.waitForResponse((r) => r.url().includes('/api/v1/trends/roles') && r.url().includes('workplace=remote') && r.url().includes('role=api-integration'));
    await page.selectOption('#f-role', 'api-integration');
    const rolesRes = await both;
    expect(rolesRes.status()).toBe(200);
    const answer = (await rolesRes.json()) as { data: Array<{ role: string; count: number }>; meta: { countedFrom: string } };
    expect(answer.meta.countedFrom).toBe('postings');
    await ready('#panel-roles');
    expect(await page.textContent('#panel-roles .panel-note')).toMatch(/Counted from the matching postings/);
    expect(await tableCounts('#panel-roles')).toEqual(roleTotals(answer.data));
    expect(await page.isHidden('#filter-problem')).toBe(true);
    await page.click('#filters button[type=reset]');
    await page.waitForFunction(() => location.search === '');
    await page.waitForSelector('#filter-problem', { state: 'hidden' });
  });

  it('downloads a panel as CSV', async () => {
    await page.goto(`${api.url}/`);
    await ready('#panel-roles');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-roles a.csv')]);
    expect(download.suggestedFilename()).toBe('role-trends.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('period,role,count,share');
    expect(csv).toContain('api-integration');
  });

  it('asks for an API key when the API wants one, and uses it for every panel and the CSV', async () => {
    const { key } = await createApiKey(db.sql, { name: 'dashboard test', scopes: ['read', 'submit'] });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const secured = await context.newPage();
    try {
      await secured.goto(`${securedApi.url}/`);
      await secured.waitForSelector('#panel-roles[data-state=auth]');
      expect(await secured.textContent('#panel-roles .status')).toMatch(/API key/);
      expect(await secured.$eval('#api-key', (d) => (d as HTMLDetailsElement).open)).toBe(true);
      await secured.fill('#api-key-input', key);
      await Promise.all([secured.waitForEvent('load'), secured.click('#api-key-form button[type=submit]')]);
      for (const id of ['#panel-roles', '#panel-skills', '#panel-skill-series', '#panel-cooccurrence', '#panel-salaries']) await secured.waitForSelector(`${id}[data-state=ready]`);
      const [download] = await Promise.all([secured.waitForEvent('download'), secured.click('#panel-skills a.csv')]);
      expect((await readFile((await download.path())!, 'utf8')).split(/\r?\n/)[0]).toMatch(/^skill,name,/);
    } finally {
      await context.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.url}/`);
    await ready('#panel-roles');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${OUT}dashboard-phone.png`, fullPage: true });
    await page.screenshot({ path: `${OUT}dashboard-phone-top.png` });
    await ready('#panel-salaries');
    await page.locator('#panel-skills').screenshot({ path: `${OUT}dashboard-phone-skills.png` });
    await page.locator('#panel-salaries').screenshot({ path: `${OUT}dashboard-phone-salaries.png` });
  });

  it('logged no script errors, CSP violations or server errors', () => {
    console.info(`requests the API refused (4xx):\n${refused.join('\n')}`);
    expect(pageErrors).toEqual([]);
  });
});
