import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { analyzeHtml, analyzeText } from '../../analyze.ts';
import { getPosting, postingStatuses, upsertPastedPosting, writeAnalyses } from '../../db/postings.sql.ts';
import type { PostingRecord } from '../../db/postings.sql.ts';
import { canonicalizeUrl } from '../../ingest/canonical-url.ts';
import { submitUrls } from '../../ingest/submit.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter, problemResponses } from '../openapi.ts';
import { ProblemError } from '../problem.ts';
import { PostingSchema } from '../schemas.ts';

const MAX_URLS = 1000;
// The sitemap protocol's limit; a canonical URL much longer cannot be indexed by Postgres anyway.
const MAX_URL_CHARS = 2048;
const MAX_WAIT_S = 30;
const WAIT_POLL_MS = 50;

const HttpUrl = z
  .string()
  .max(MAX_URL_CHARS)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
  .refine((u) => {
    try {
      canonicalizeUrl(u);
      return true;
    } catch {
      return false;
    }
  }, 'not a URL that can be fetched');

const SubmitBody = z
  .union([
    z.object({ url: HttpUrl }).strict(),
    z.object({ urls: z.array(HttpUrl).min(1).max(MAX_URLS) }).strict(),
    z.object({ html: z.string().min(1), url: HttpUrl.optional() }).strict(),
    z.object({ text: z.string().min(1), title: z.string().optional(), url: HttpUrl.optional() }).strict(),
  ])
  .openapi('SubmitPostings', {
    description: 'one of: {url}, {urls} (up to 1,000), {html, url?} or {text, title?, url?}',
    example: { url: 'https://jobs.example.com/123' },
  });

const WaitQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(MAX_WAIT_S)
    .optional()
    .openapi({ description: `answer with the analysis when it is ready within this many seconds (at most ${MAX_WAIT_S})` }),
});

const submitRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Submit postings for analysis',
  request: { query: WaitQuery, body: { required: true, content: { 'application/json': { schema: SubmitBody } } } },
  responses: {
    200: { description: 'analysed (pasted HTML/text, or a URL done within ?wait)', content: { 'application/json': { schema: z.object({ data: z.union([PostingSchema, z.array(PostingSchema)]), meta: z.object({}).passthrough() }) } } },
    202: { description: 'accepted: poll GET /postings/{id}', content: { 'application/json': { schema: z.object({ data: z.union([PostingSchema, z.array(PostingSchema)]), meta: z.object({}).passthrough() }) } } },
    ...problemResponses(400, 413, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: "A posting's status and analysis",
  request: { params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'the posting', content: { 'application/json': { schema: z.object({ data: PostingSchema, meta: z.object({}) }) } } },
    ...problemResponses(400, 404),
  },
});

function view(p: PostingRecord) {
  return { id: p.id, url: p.canonicalUrl ?? p.url, status: p.status, error: p.error, analysis: p.analysis, description: p.description };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** POST /postings (url, urls, html or text; ?wait=N) and GET /postings/:id. */
export function postingsRoutes(deps: ApiDeps) {
  const app = createRouter();

  // Pasted content needs no fetch: analyse it here (a few ms) and store it at once. The analysis
  // comes first so that content with nothing to analyse (blank, binary) is refused (422) before a
  // posting row exists; an unchanged re-submit is analysed but not written again.
  async function submitPasted(content: { html: string } | { text: string; title?: string }, url: string | undefined) {
    const canonicalUrl = url ? canonicalizeUrl(url) : null;
    const contentHash = sha256('html' in content ? content.html : content.text);
    const fetchedAt = new Date();
    const { parsed, analysis } =
      'html' in content
        ? analyzeHtml(content.html, { url: canonicalUrl, fetchedAt }, deps.taxonomy())
        : analyzeText(content.text, { title: content.title ?? null, url: canonicalUrl, fetchedAt }, deps.taxonomy());
    const posting = await upsertPastedPosting(deps.sql, { canonicalUrl, url: url ?? null, contentHash });
    if (posting.contentHash !== contentHash) {
      await writeAnalyses(deps.sql, [
        { postingId: posting.id, analysis, description: parsed.description, sections: parsed.sections, contentHash, fetchedAt, etag: null, lastModified: null },
      ]);
    }
    return { id: posting.id, created: posting.created };
  }

  // Polls Postgres (shared by every process) until all postings are done or failed.
  async function waitForPostings(ids: number[], seconds: number): Promise<boolean> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const statuses = await postingStatuses(deps.sql, ids);
      if (ids.every((id) => statuses.get(id) !== 'pending')) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    }
  }

  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid('json');
    const { wait } = c.req.valid('query');
    const log = c.get('log');

    if ('html' in body || 'text' in body) {
      const { id, created } = await submitPasted(body, body.url);
      log.info({ postingId: id, created }, 'pasted posting analysed');
      const posting = await getPosting(deps.sql, id);
      return c.json({ data: view(posting!), meta: { created } }, 200);
    }

    const urls = 'urls' in body ? body.urls : [body.url];
    const postings = await submitUrls(deps.sql, deps.analyzeQueue, urls);
    log.info({ submitted: urls.length, postings: postings.length, created: postings.filter((p) => p.created).length }, 'postings submitted');
    const ids = postings.map((p) => p.id);
    const ready = wait ? await waitForPostings(ids, wait) : false;
    const records = ready ? await Promise.all(ids.map((id) => getPosting(deps.sql, id))) : null;
    const data = records
      ? records.map((r) => view(r!))
      : postings.map((p) => ({ id: p.id, url: p.canonicalUrl, status: p.status }));
    const meta = { created: postings.filter((p) => p.created).length, ready };
    return c.json({ data: 'urls' in body ? data : data[0]!, meta }, ready ? 200 : 202);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const posting = await getPosting(deps.sql, id);
    if (!posting) throw new ProblemError(404, 'Not Found', `no posting with id ${id}`);
    return c.json({ data: view(posting), meta: {} }, 200);
  });

  return app;
}
