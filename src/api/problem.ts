import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { BusyError, InputError } from '../errors.ts';
import { InvalidUrlError } from '../ingest/canonical-url.ts';
import { FetchError } from '../ingest/fetch/index.ts';
import { ParseError } from '../ingest/parse/index.ts';

// Errors cross HTTP as RFC 9457 problem details. A 5xx never carries a stack trace or SQL.

export interface Problem {
  type: string;
  title: string;
  status: ContentfulStatusCode;
  detail?: string;
}

/** An error that knows its HTTP status; thrown by handlers, turned into problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    detail?: string,
  ) {
    super(detail ?? title);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps anything thrown to a problem; unknown errors become an opaque 500. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return { type: 'about:blank', title: err.title, status: err.status, detail: err.message };
  if (err instanceof InputError || err instanceof InvalidUrlError) return { type: 'about:blank', title: 'Bad Request', status: 400, detail: err.message };
  if (err instanceof BusyError) return { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: err.message };
  if (err instanceof FetchError || err instanceof ParseError) {
    // The caller's URL could not be fetched (blocked address, 404, timeout...) or their content
    // holds nothing to analyse (blank, binary): their input, our answer.
    return { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: err.message };
  }
  if (err instanceof z.ZodError) {
    const detail = err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { type: 'about:blank', title: 'Bad Request', status: 400, detail };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: err.message || undefined };
  }
  const code = (err as { code?: string })?.code;
  if (code === '23505') return { type: 'about:blank', title: 'Conflict', status: 409, detail: 'already exists' };
  // Postgres refuses NUL in text and jsonb (22021, 22P05): every string a request stores can carry one.
  if (code === '22021' || code === '22P05') return { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'text values may not contain NUL characters (U+0000)' };
  // A value too long for its index (54000, "index row requires N bytes"), e.g. a huge taxonomy alias.
  if (code === '54000') return { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'a value in the request is too long to be stored' };
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'the server failed to handle this request; it has been logged' };
}
