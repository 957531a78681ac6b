import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './deps.ts';
import { ProblemError } from './problem.ts';

// Routes are declared with createRoute + zod schemas: the same schemas validate requests and
// generate the OpenAPI 3.1 document served at /api/v1/openapi.json.

const TARGET_NAMES: Record<string, string> = { json: 'body', query: 'query', param: 'params', header: 'headers' };

/** A router whose validation failures become 400 problems naming the field ("query.from: ..."). */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const where = TARGET_NAMES[result.target] ?? result.target;
      const detail = result.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
      throw new ProblemError(400, 'Bad Request', detail);
    },
  });
}

/** The RFC 9457 problem shape, for the error responses of every route. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
  })
  .openapi('Problem');

/** Error responses shared by routes, keyed by status. */
export function problemResponses(...statuses: Array<400 | 404 | 409 | 413 | 422 | 503>) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: 'problem details', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  ) as Record<(typeof statuses)[number], { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>;
}

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected ISO date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date')
  .openapi({ example: '2026-11-01' });
