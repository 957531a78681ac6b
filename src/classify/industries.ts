// Industries from phrases in the title, company and description: one strong phrase ("fintech",
// "hospital") names an industry; otherwise three distinct cue phrases are needed.
import type { CueHits } from './scan-cues.ts';

const MIN_CUES = 3;
const MAX_INDUSTRIES = 3;

/** Industry ids the phrases found point to, strongest first. */
export function detectIndustries(hits: CueHits['industries']): string[] {
  const strong = new Map<string, number>();
  const cues = new Map<string, Set<string>>();
  for (const { phrase, id, strong: isStrong } of hits) {
    if (isStrong) strong.set(id, (strong.get(id) ?? 0) + 1);
    else cues.set(id, (cues.get(id) ?? new Set()).add(phrase));
  }
  const ids = new Set([...strong.keys(), ...cues.keys()]);
  return [...ids]
    .map((id) => ({ id, strong: strong.get(id) ?? 0, cues: cues.get(id)?.size ?? 0 }))
    .filter((x) => x.strong > 0 || x.cues >= MIN_CUES)
    .sort((a, b) => b.strong * 3 + b.cues - (a.strong * 3 + a.cues))
    .slice(0, MAX_INDUSTRIES)
    .map((x) => x.id);
}
