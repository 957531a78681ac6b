// Finds schema.org JobPosting objects in JSON-LD: several scripts, @graph, arrays, nested
// objects, and @type given as a string, an array or a full IRI.
import { parseLenientJson } from './lenient-json.ts';

const MAX_NODES = 20_000;

/** True when a JSON-LD node's @type includes JobPosting. */
export function isJobPosting(node: Record<string, unknown>): boolean {
  const t = node['@type'] ?? node.type;
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && /(?:^|[/#:])JobPosting$/i.test(x.trim()));
}

type Obj = Record<string, unknown>;

export interface JsonLdResult {
  postings: Obj[];
  /** scripts that could not be read even leniently */
  unreadable: number;
}

/** Every JobPosting object in the given ld+json script texts, in document order, @id references resolved. */
export function findJobPostings(scripts: string[]): JsonLdResult {
  const postings: Obj[] = [];
  const ids = new Map<string, Obj>();
  let unreadable = 0;
  for (const s of scripts) {
    const data = parseLenientJson(s);
    if (data === undefined) unreadable++;
    else collect(data, postings, ids);
  }
  return { postings: postings.map((p) => resolveRefs(p, ids)), unreadable };
}

const REF_PROPS = ['hiringOrganization', 'jobLocation', 'baseSalary', 'applicantLocationRequirements', 'identifier'];

/** Replaces {"@id": "#org"} references (common in @graph pages) by the node they name. */
function resolveRefs(p: Obj, ids: Map<string, Obj>): Obj {
  if (!ids.size) return p;
  const out: Obj = { ...p };
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') {
      const o = v as Obj;
      const id = o['@id'];
      if (typeof id === 'string' && Object.keys(o).length <= 2 && ids.has(id)) return ids.get(id);
    }
    return v;
  };
  for (const k of REF_PROPS) if (out[k] !== undefined) out[k] = resolve(out[k]);
  return out;
}

function collect(root: unknown, found: Obj[], ids: Map<string, Obj>): void {
  // Iterative walk with a node budget: deeply nested or huge JSON never overflows or hangs.
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['@id'] === 'string' && Object.keys(o).length > 2 && !ids.has(o['@id'])) ids.set(o['@id'], o);
      if (isJobPosting(o)) {
        found.push(o);
        continue;
      }
      const vals = Object.values(o);
      for (let i = vals.length - 1; i >= 0; i--) if (vals[i] && typeof vals[i] === 'object') stack.push(vals[i]);
    }
  }
}
