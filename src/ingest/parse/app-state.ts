// Hiring systems that render in the browser ship the posting as app state in an inline script
// (Ashby's window.__appData). Mapped to a schema.org JobPosting and normalised like the rest.
import type { ParsedPosting } from '../../types.ts';
import { fromJobPosting } from './job-posting.ts';
import { parseLenientJson } from './lenient-json.ts';

type Obj = Record<string, unknown>;

/** JSON object literal assigned after a marker ("window.__appData = {...};"). */
export function jsonAfter(script: string, marker: string): unknown {
  const at = script.indexOf(marker);
  if (at < 0) return undefined;
  const start = script.indexOf('{', at);
  if (start < 0) return undefined;
  let depth = 0;
  let inStr = false;
  for (let i = start; i < script.length; i++) {
    const ch = script[i];
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') inStr = false;
    } else if (ch === '"') inStr = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return parseLenientJson(script.slice(start, i + 1));
  }
  return undefined;
}

/** Maps an Ashby posting object to a schema.org JobPosting. */
export function ashbyToJobPosting(app: Obj): Obj | null {
  const posting = (app.posting ?? app.jobPosting) as Obj | undefined;
  if (!posting || typeof posting !== 'object') return null;
  const org = (app.organization ?? {}) as Obj;
  const remote = posting.isRemote === true || posting.workplaceType === 'Remote';
  const comp = posting.compensationTierSummary ?? posting.scrapeableCompensationSalarySummary;
  return {
    '@type': 'JobPosting',
    title: posting.title,
    description: posting.descriptionHtml ?? posting.descriptionPlainText,
    datePosted: posting.publishedDate ?? posting.publishedAt,
    employmentType: posting.employmentType,
    hiringOrganization: org.name ? { name: org.name } : undefined,
    jobLocation: posting.locationName ? { '@type': 'Place', address: posting.locationName } : undefined,
    jobLocationType: remote ? 'TELECOMMUTE' : undefined,
    baseSalary: typeof comp === 'string' ? comp : undefined,
  };
}

/** ParsedPostings from hiring-system app state scripts (source 'html'; fields 'hiring-system', or 'text' when read from the description). */
export function stateJobPostings(scripts: string[], opts: { url: string | null; fetchedAt: Date }): ParsedPosting[] {
  const out: ParsedPosting[] = [];
  for (const s of scripts) {
    const app = jsonAfter(s, '__appData');
    if (!app || typeof app !== 'object') continue;
    const jp = ashbyToJobPosting(app as Obj);
    if (jp) {
      const p = fromJobPosting(jp, { ...opts, source: 'html', origin: 'hiring-system' });
      if (p.workplace === null && typeof (app as Obj).posting === 'object') {
        const wt = ((app as Obj).posting as Obj).workplaceType;
        const said = wt === 'Hybrid' ? 'hybrid' : wt === 'OnSite' ? 'onsite' : null;
        if (said) {
          p.workplace = said;
          p.structuredData.fields = { ...p.structuredData.fields, workplace: 'hiring-system' };
        }
      }
      out.push(p);
    }
  }
  return out;
}
