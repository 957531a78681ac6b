// Ambiguous aliases ("Go", "R", "C", "Swift", "Spark", "Excel", "React", "Transformers") count
// only with evidence: exact case, no vetoing neighbour ("Go to", "Series C", "R&D", "excel at"),
// and something that confirms them: a cue word or another skill on the same line, a telling
// neighbour ("Go experience", "with Spark") or a bare list item, in a posting that is clearly
// technical. A missed tag beats a wrong one.
import type { CompiledTaxonomy } from './alias-trie.ts';
import type { ContextRule } from './taxonomy-types.ts';
import type { AliasMatch } from './match-aliases.ts';
import type { Tokens } from './tokenize.ts';

const GLUE_BEFORE = /[&'’\-@]/;
const GLUE_AFTER = /[&'’@]/;
// the window a context alias is judged in: its line, at most this far either side
const WINDOW = 200;
// "clearly technical": this many distinct confirmed tech skills in the posting
const TECH_DENSE = 3;

/** Keeps plain and exact matches, and context matches that their surroundings confirm (matches in text order, as matchAliases gives them). */
export function checkContext(text: string, tokens: Tokens, matches: AliasMatch[], c: CompiledTaxonomy, title: string): AliasMatch[] {
  const confirmed = matches.filter((m) => m.kind !== 'context');
  const pending = matches.filter((m) => m.kind === 'context' && notVetoed(text, tokens, m, c));
  if (pending.length === 0) return confirmed;
  const titleKey = ` ${title.toLowerCase()} `;
  // first pass: what the line alone confirms; second: what a technical posting confirms
  const byLine = pending.filter((m) => confirmedByLine(text, tokens, m, c, confirmed, pending, title, titleKey));
  const techDense = distinctTechSkills([confirmed, byLine], c) >= TECH_DENSE;
  const byPosting = techDense ? pending.filter((m) => !byLine.includes(m) && confirmedByNeighbour(text, tokens, m, c)) : [];
  return mergeByStart(confirmed, byLine, byPosting);
}

// The three lists (each in text order, as filters of matchAliases' output) as one, in text order;
// on equal starts the earlier list first: what a stable sort of their concatenation gives.
function mergeByStart(a: AliasMatch[], b: AliasMatch[], c: AliasMatch[]): AliasMatch[] {
  const out: AliasMatch[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length || k < c.length) {
    const sa = i < a.length ? (a[i] as AliasMatch).start : Infinity;
    const sb = j < b.length ? (b[j] as AliasMatch).start : Infinity;
    const sc = k < c.length ? (c[k] as AliasMatch).start : Infinity;
    if (sa <= sb && sa <= sc) out.push(a[i++] as AliasMatch);
    else if (sb <= sc) out.push(b[j++] as AliasMatch);
    else out.push(c[k++] as AliasMatch);
  }
  return out;
}

// Counting stops at TECH_DENSE: that is all the caller asks.
function distinctTechSkills(lists: AliasMatch[][], c: CompiledTaxonomy): number {
  const seen: number[] = [];
  for (const matches of lists) {
    for (const m of matches) {
      if (c.skills[m.skill]?.tech && !seen.includes(m.skill)) {
        seen.push(m.skill);
        if (seen.length >= TECH_DENSE) return seen.length;
      }
    }
  }
  return seen.length;
}

function confirmedByLine(
  text: string, tokens: Tokens, m: AliasMatch, c: CompiledTaxonomy,
  confirmed: AliasMatch[], pending: AliasMatch[], title: string, titleKey: string,
): boolean {
  const rule = c.skills[m.skill]?.rule;
  if (!rule || rule.cues.length === 0) return true;
  const [wStart, wEnd] = lineWindow(text, m.start, m.end);
  // another skill on the line, or another ambiguous one ("Go, Rust or C") vouching for it
  if (otherSkillWithin(confirmed, m, wStart, wEnd) || otherSkillWithin(pending, m, wStart, wEnd)) return true;
  const [first, last] = tokenRange(tokens, wStart, wEnd);
  const words = tokens.lower.slice(first, last);
  const line = ` ${words.join(' ')} `;
  const cues = paddedCues(rule);
  if (cues.some((cue) => line.includes(cue))) return true;
  return cues.some((cue) => titleKey.includes(cue)) && inTitle(title, text.slice(m.start, m.end));
}

// " cue " per cue of a rule, built once per rule object rather than per mention
const padded = new WeakMap<ContextRule, string[]>();

function paddedCues(rule: ContextRule): string[] {
  let cues = padded.get(rule);
  if (!cues) {
    cues = rule.cues.map((cue) => ` ${cue} `);
    padded.set(rule, cues);
  }
  return cues;
}

// Whether a match of another skill lies inside [wStart, wEnd); matches are sorted by start, so
// only those starting in the window are read.
function otherSkillWithin(matches: AliasMatch[], m: AliasMatch, wStart: number, wEnd: number): boolean {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((matches[mid] as AliasMatch).start < wStart) lo = mid + 1;
    else hi = mid;
  }
  for (let x = lo; x < matches.length && (matches[x] as AliasMatch).start < wEnd; x++) {
    const o = matches[x] as AliasMatch;
    if (o !== m && o.end <= wEnd && o.skill !== m.skill) return true;
  }
  return false;
}

function confirmedByNeighbour(text: string, tokens: Tokens, m: AliasMatch, c: CompiledTaxonomy): boolean {
  const rule = c.skills[m.skill]?.rule;
  if (!rule) return true;
  const [wStart, wEnd] = lineWindow(text, m.start, m.end);
  const [first, last] = tokenRange(tokens, wStart, wEnd);
  const words = tokens.lower.slice(first, last);
  const near = rule.near ?? [];
  const prev = m.first > first ? tokens.lower[m.first - 1] : undefined;
  const next = m.last + 1 < last ? tokens.lower[m.last + 1] : undefined;
  if ((prev && near.includes(prev)) || (next && near.includes(next))) return true;
  // a list item that is little more than the name ("- Airflow", "- Go (preferred)")
  return words.length <= m.last - m.first + 3;
}

function lineWindow(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  return [Math.max(lineStart, start - WINDOW), Math.min(lineEnd, end + WINDOW)];
}

function inTitle(title: string, surface: string): boolean {
  const escaped = surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}+#])`, 'u').test(title);
}

function notVetoed(text: string, tokens: Tokens, m: AliasMatch, c: CompiledTaxonomy): boolean {
  const rule = c.skills[m.skill]?.rule;
  if (GLUE_BEFORE.test(text[m.start - 1] ?? '') || GLUE_AFTER.test(text[m.end] ?? '')) return false;
  if (!rule) return true;
  const prev = m.first > 0 ? tokens.lower[m.first - 1] : undefined;
  const next = tokens.lower[m.last + 1];
  const prevOnLine = prev !== undefined && !text.slice(tokens.end[m.first - 1] ?? 0, m.start).includes('\n');
  const nextOnLine = next !== undefined && !text.slice(m.end, tokens.start[m.last + 1] ?? 0).includes('\n');
  if (prevOnLine && rule.blockPrev.includes(prev)) return false;
  if (nextOnLine && rule.blockNext.includes(next)) return false;
  return true;
}

/** Index range [first, last) of the tokens inside [start, end). */
function tokenRange(tokens: Tokens, start: number, end: number): [number, number] {
  const first = lowerBound(tokens.start, start);
  let last = first;
  while (last < tokens.start.length && (tokens.end[last] ?? 0) <= end) last++;
  return [first, last];
}

function lowerBound(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
