// A token trie over every alias of every skill: lookups cost one Map probe per token whatever the
// taxonomy size, so 20,000 skills tag as fast as 50. Compiled once per taxonomy object.
import { phraseKey, tokenize } from './tokenize.ts';
import type { ContextRule, TaggerSkill, TaggerTaxonomy } from './taxonomy-types.ts';

/** How an alias must appear: any case, exact case, or exact case plus context. */
export type AliasKind = 'plain' | 'exact' | 'context';

export interface AliasHit {
  skill: number;
  kind: AliasKind;
  /** the alias's tokens as written, for case-exact kinds */
  surface: string[] | null;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits: AliasHit[] | null;
}

export interface CompiledSkill {
  def: TaggerSkill;
  rule: ContextRule | null;
  /** counts towards "is this a software posting" and confirms ambiguous neighbours */
  tech: boolean;
  implies: Set<string>;
}

export interface CompiledTaxonomy {
  root: TrieNode;
  skills: CompiledSkill[];
  /** single-token plain aliases of 8+ letters, by every one-deletion variant: the fuzzy index */
  fuzzy: Map<string, string[]>;
  /** token -> alias key it fuzzily matches (or null): most long tokens are English words seen before */
  fuzzyCache: Map<string, string | null>;
  /** tokens that an alias has after its first token: a walk goes on only to one of these */
  innerKeys: Set<string>;
}

/** Categories of skills that office, design and business jobs ask for as much as software ones. */
export const NON_TECH_CATEGORIES = new Set(['office-tools', 'design-tools', 'business-apps']);
export const FUZZY_MIN_LENGTH = 8;

// A context alias whose rule is missing (a hand-made taxonomy) is treated conservatively: no cue
// word can confirm it, only another skill on its line or a bare list item in a technical posting.
const DEFAULT_RULE: ContextRule = { cues: ['\u0000'], blockNext: [], blockPrev: [] };
const compiled = new WeakMap<TaggerTaxonomy, CompiledTaxonomy>();

/** The compiled trie of a taxonomy, built on first use and cached per taxonomy object. */
export function compileTaxonomy(taxonomy: TaggerTaxonomy): CompiledTaxonomy {
  let c = compiled.get(taxonomy);
  if (!c) {
    c = buildTrie(taxonomy);
    compiled.set(taxonomy, c);
  }
  return c;
}

function buildTrie(taxonomy: TaggerTaxonomy): CompiledTaxonomy {
  const root: TrieNode = { next: new Map(), hits: null };
  const fuzzy = new Map<string, string[]>();
  const innerKeys = new Set<string>();
  const skills = taxonomy.skills.map((def, index): CompiledSkill => {
    for (const alias of def.aliases) {
      insert(root, innerKeys, alias, { skill: index, kind: 'plain', surface: null }, true);
      indexFuzzy(fuzzy, alias);
    }
    for (const alias of def.exactAliases ?? []) insert(root, innerKeys, alias, { skill: index, kind: 'exact', surface: surfaceOf(alias) }, false);
    for (const alias of def.contextAliases ?? []) insert(root, innerKeys, alias, { skill: index, kind: 'context', surface: surfaceOf(alias) }, false);
    const rule = def.contextAliases?.length ? (taxonomy.contextRules?.[def.rule ?? 'generic'] ?? DEFAULT_RULE) : null;
    return { def, rule, tech: !NON_TECH_CATEGORIES.has(def.category), implies: new Set(def.implies ?? []) };
  });
  return { root, skills, fuzzy, fuzzyCache: new Map(), innerKeys };
}

function surfaceOf(alias: string): string[] {
  const t = tokenize(alias);
  return Array.from(t.start, (s, i) => alias.slice(s, t.end[i]));
}

function insert(root: TrieNode, innerKeys: Set<string>, alias: string, hit: AliasHit, withPlural: boolean): void {
  const keys = tokenize(alias).lower;
  if (keys.length === 0) return;
  addPath(root, keys, hit);
  for (let k = 1; k < keys.length; k++) innerKeys.add(keys[k] as string);
  // "REST APIs", "Dockerfiles", "webhooks": a plain alias also matches its plural.
  const last = keys[keys.length - 1] ?? '';
  if (withPlural && last.length >= 3 && /^[a-z]+$/.test(last) && !last.endsWith('s')) {
    addPath(root, [...keys.slice(0, -1), `${last}s`], hit);
    if (keys.length > 1) innerKeys.add(`${last}s`);
  }
}

function addPath(root: TrieNode, keys: string[], hit: AliasHit): void {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map(), hits: null };
      node.next.set(key, child);
    }
    node = child;
  }
  // One alias may map to one skill only once; the first skill to claim an alias keeps it.
  if (node.hits?.some((h) => h.skill === hit.skill && h.kind === hit.kind && h.surface?.join(' ') === hit.surface?.join(' '))) return;
  if (node.hits && hit.kind === 'plain' && node.hits.some((h) => h.kind === 'plain')) return;
  (node.hits ??= []).push(hit);
}

function indexFuzzy(fuzzy: Map<string, string[]>, alias: string): void {
  const key = phraseKey(alias);
  if (key.length < FUZZY_MIN_LENGTH || !/^[a-z]+$/.test(key)) return;
  for (const variant of [key, ...deletions(key)]) {
    const list = fuzzy.get(variant);
    if (!list) fuzzy.set(variant, [key]);
    else if (!list.includes(key)) list.push(key);
  }
}

/** Every string one deletion away from word. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
