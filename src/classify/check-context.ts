// Ambiguous aliases ("Go", "R", "C", "Swift", "Spark", "Excel", "React", "Transformers") count
// only with evidence: exact case, no vetoing neighbour ("Go to", "Series C", "R&D", "excel at"),
// and a confirming cue or another tech skill in the same sentence. A missed tag beats a wrong one.
import type { CompiledTaxonomy } from './alias-trie.ts';
import type { AliasMatch } from './match-aliases.ts';
import { sentenceEnd, sentenceStart } from './sentences.ts';
import type { Tokens } from './tokenize.ts';

const GLUE = /[&'’\-@]/;

/** Keeps plain and exact matches, and context matches whose sentence confirms them. */
export function checkContext(text: string, tokens: Tokens, matches: AliasMatch[], c: CompiledTaxonomy, title: string): AliasMatch[] {
  const confirmed = matches.filter((m) => m.kind !== 'context');
  const pending = matches.filter((m) => m.kind === 'context' && notVetoed(text, tokens, m, c));
  if (pending.length === 0) return confirmed;
  const titleKey = ` ${title.toLowerCase()} `;
  const accepted = pending.filter((m, _, all) => {
    const rule = c.skills[m.skill]?.rule;
    if (!rule || rule.cues.length === 0) return true;
    const sStart = sentenceStart(text, m.start);
    const sEnd = sentenceEnd(text, m.end);
    const inSentence = (o: AliasMatch) => o !== m && o.start >= sStart && o.end <= sEnd && o.skill !== m.skill;
    if (confirmed.some((o) => inSentence(o) && c.skills[o.skill]?.tech)) return true;
    // two different ambiguous languages in one list ("Go, Rust or C") vouch for each other
    if (all.some(inSentence)) return true;
    const sentence = ` ${tokensBetween(tokens, sStart, sEnd).join(' ')} `;
    if (rule.cues.some((cue) => sentence.includes(` ${cue} `))) return true;
    return inTitle(title, text.slice(m.start, m.end)) && rule.cues.some((cue) => titleKey.includes(` ${cue} `));
  });
  return [...confirmed, ...accepted].sort((a, b) => a.start - b.start);
}

function inTitle(title: string, surface: string): boolean {
  const escaped = surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}+#])`, 'u').test(title);
}

function notVetoed(text: string, tokens: Tokens, m: AliasMatch, c: CompiledTaxonomy): boolean {
  const rule = c.skills[m.skill]?.rule;
  if (GLUE.test(text[m.start - 1] ?? '') || GLUE.test(text[m.end] ?? '')) return false;
  if (!rule) return true;
  const prev = m.first > 0 ? tokens.lower[m.first - 1] : undefined;
  const next = tokens.lower[m.last + 1];
  const prevOnLine = prev !== undefined && !text.slice(tokens.end[m.first - 1] ?? 0, m.start).includes('\n');
  const nextOnLine = next !== undefined && !text.slice(m.end, tokens.start[m.last + 1] ?? 0).includes('\n');
  if (prevOnLine && rule.blockPrev.includes(prev)) return false;
  if (nextOnLine && rule.blockNext.includes(next)) return false;
  return true;
}

function tokensBetween(tokens: Tokens, start: number, end: number): string[] {
  const out: string[] = [];
  // binary search for the first token at or after start
  let lo = 0;
  let hi = tokens.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens.start[mid] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.start.length && (tokens.end[i] ?? 0) <= end; i++) out.push(tokens.lower[i] ?? '');
  return out;
}
