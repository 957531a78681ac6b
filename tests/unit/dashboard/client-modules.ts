// The dashboard's client modules are plain browser JS (no build step, so no TypeScript): tests
// load them by path and describe the few functions they call.

const dir = new URL('../../../src/api/dashboard/static/js/', import.meta.url);

export interface Span {
  start: number;
  end: number;
  text: string;
  skill?: string;
}

export interface EvidenceModule {
  mentionSpans(skills: unknown[]): Array<Span & { skill: string; requirement: string; negated: boolean }>;
  spansFit(text: string, spans: Span[]): boolean;
  realignSpans<S extends Span>(text: string, spans: S[]): S[] | null;
  segments(text: string, spans: Span[]): Array<{ text: string; span?: Span }>;
  groupSkills<S extends { requirement: string }>(skills: S[]): Record<'required' | 'preferred' | 'mentioned', S[]>;
}

export interface QueryModule {
  filtersFromSearch(search: string): Record<string, string>;
  toQuery(filters: Record<string, string>, extra?: Record<string, unknown>): string;
  csvUrl(path: string, filters: Record<string, string>, extra?: Record<string, unknown>): string;
}

export interface PeriodsModule {
  periodStart(day: string, interval: string): string;
  periodsBetween(from: string, to: string, interval: string, max?: number): string[];
  toSeries<R>(rows: R[], periods: string[], keyOf: (r: R) => string, valueOf: (r: R) => number): Map<string, number[]>;
  trendSeries<R extends { period: string; count: number }>(
    rows: R[],
    meta: { from?: string; to?: string },
    interval: string,
    keyOf: (r: R) => string,
    measure: 'count' | 'share',
  ): { from: string; to: string; periods: string[]; series: Map<string, number[]>; totals: Map<string, number> };
}

export interface FormatModule {
  salaryText(s: unknown): string | null;
  byCurrency<R extends { currency: string }>(rows: R[]): Array<[string, R[]]>;
  growth(n: number | null): string;
  money(n: number | null, currency: string | null): string;
}

/** Loads one client module by file name ("evidence.js"). */
export async function clientModule<T>(name: string): Promise<T> {
  const path = new URL(name, dir).pathname;
  return (await import(/* @vite-ignore */ path)) as T;
}
