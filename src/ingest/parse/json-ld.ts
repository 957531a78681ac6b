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

/** Every JobPosting object in the given ld+json script texts, in document order. */
export function findJobPostings(scripts: string[]): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  for (const s of scripts) {
    const data = parseLenientJson(s);
    if (data !== undefined) collect(data, found);
  }
  return found;
}

function collect(root: unknown, found: Array<Record<string, unknown>>): void {
  // Iterative walk with a node budget: deeply nested or huge JSON never overflows or hangs.
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (isJobPosting(o)) {
        found.push(o);
        continue;
      }
      const vals = Object.values(o);
      for (let i = vals.length - 1; i >= 0; i--) if (vals[i] && typeof vals[i] === 'object') stack.push(vals[i]);
    }
  }
}
