import { z } from '@hono/zod-openapi';
import type { ExtractedField, FieldOrigin as FieldOriginType } from '../types.ts';

// Response schemas for the OpenAPI document. They describe PostingAnalysis (src/types.ts),
// the shape every interface returns.

const Mention = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

const FieldOrigin = z
  .enum(['json-ld', 'microdata', 'rdfa', 'meta', 'hiring-system', 'html', 'text'] satisfies FieldOriginType[])
  .openapi('FieldOrigin', { description: 'meta: OpenGraph/meta tags; hiring-system: a hiring system page shape or app state; text: read from the description text' });
const EXTRACTED_FIELDS = ['title', 'company', 'location', 'workplace', 'employmentType', 'datePosted', 'validThrough', 'salary',
  'description'] as const satisfies readonly ExtractedField[];

export const AnalysisSchema = z
  .object({
    url: z.string().nullable(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    location: z
      .object({ raw: z.string(), city: z.string().nullable(), region: z.string().nullable(), country: z.string().nullable() })
      .nullable(),
    workplace: z.enum(['remote', 'hybrid', 'onsite']).nullable(),
    employmentType: z.string().nullable(),
    datePosted: z.string().nullable(),
    validThrough: z.string().nullable(),
    salary: z
      .object({
        min: z.number().nullable(),
        max: z.number().nullable(),
        currency: z.string().nullable(),
        period: z.string().nullable(),
        annualMin: z.number().nullable(),
        annualMax: z.number().nullable(),
      })
      .nullable(),
    seniority: z.string().nullable(),
    industries: z.array(z.string()),
    roles: z.array(z.object({ role: z.string(), score: z.number(), evidence: z.array(z.string()) })),
    skills: z.array(
      z.object({
        skill: z.string(),
        name: z.string(),
        category: z.string(),
        requirement: z.enum(['required', 'preferred', 'mentioned']),
        negated: z.boolean(),
        mentions: z.array(Mention),
      }),
    ),
    structuredData: z.object({
      source: z.string(),
      issues: z.array(z.object({ property: z.string(), severity: z.enum(['error', 'warning']), message: z.string() })),
      fields: z
        .object(Object.fromEntries(EXTRACTED_FIELDS.map((f) => [f, FieldOrigin.optional()])) as Record<ExtractedField, z.ZodOptional<typeof FieldOrigin>>)
        .optional()
        .openapi({ description: 'where each field found came from; fields not found are absent' }),
    }),
    taxonomyVersion: z.string(),
  })
  .openapi('PostingAnalysis');

export const PostingSchema = z
  .object({
    id: z.number().int(),
    url: z.string().nullable(),
    status: z.enum(['pending', 'done', 'failed']),
    error: z.string().nullable().optional(),
    analysis: AnalysisSchema.nullable().optional(),
    description: z.string().nullable().optional().openapi({ description: 'the parsed text that skill mention offsets point into' }),
  })
  .openapi('Posting');
