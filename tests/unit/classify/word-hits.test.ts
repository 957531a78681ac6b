import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from '../../../src/classify/alias-trie.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { readCorpus } from '../../../src/classify/eval/corpus.ts';
import { lexiconOf, lookupWords, type WordHits } from '../../../src/classify/lexicon.ts';
import { matchAliases } from '../../../src/classify/match-aliases.ts';
import { scanCues } from '../../../src/classify/scan-cues.ts';
import { tokenize } from '../../../src/classify/tokenize.ts';
import { classifyPosting } from '../../../src/classify/index.ts';
import type { Taxonomy } from '../../../src/types.ts';
import { posting } from './helpers.ts';

// The passes that read only the tokens lookupWords listed must find what a pass over every token
// finds: on the labelled corpus, and on it with misspelt names (the fuzzy path).
describe('lookupWords hits', () => {
  const taxonomy = loadDefaultTaxonomy();
  const compiled = compileTaxonomy(taxonomy);
  const lexicon = lexiconOf(taxonomy);
  const texts = readCorpus().flatMap((g) => [g.text, g.text.replace(/Kubernetes/g, 'Kuberentes').replace(/PostgreSQL/g, 'Postgress')]);

  it('lists every token that starts an alias match or a cue', () => {
    let matched = 0;
    for (const text of texts) {
      const tokens = tokenize(text);
      const hits: WordHits = { aliases: [], cues: [], screens: [] };
      const words = lookupWords(tokens, lexicon, hits);
      const all = matchAliases(text, tokens, compiled, words);
      matched += all.length;
      expect(matchAliases(text, tokens, compiled, words, hits.aliases)).toEqual(all);
      expect(scanCues(tokens.lower, words, undefined, true, hits.cues)).toEqual(scanCues(tokens.lower, words));
      expect(hits.screens).toEqual(words.flatMap((w, i) => (w.screen !== 0 ? [i] : [])));
    }
    expect(matched).toBeGreaterThan(500);
  });
});

describe('alias walks', () => {
  // A word that only starts longer aliases ("a" of "A/B testing") is walked from only when the
  // next word is one that some alias has after its first word.
  const bare: Taxonomy = {
    version: 'v-walks',
    roles: [],
    skills: [
      { id: 'ab-testing', name: 'A/B testing', category: 'practices', aliases: ['A/B testing', 'a b c d'] },
      { id: 'data-modeling', name: 'Data modeling', category: 'practices', aliases: ['data modeling'] },
      { id: 'webhook', name: 'Webhooks', category: 'practices', aliases: ['web hook'] },
    ],
  };
  const found = (text: string) => classifyPosting(posting('Engineer', text), bare).skills.map((s) => [s.skill, s.mentions.map((m) => m.text)]);

  it('matches multi-word aliases whose first word matches nothing alone', () => {
    expect(found('A/B testing, a data modeling task, a b c d and web hooks.')).toEqual([
      ['ab-testing', ['A/B testing', 'a b c d']],
      ['data-modeling', ['data modeling']],
      ['webhook', ['web hooks']],
    ]);
  });

  it('finds nothing where the next word goes on no alias, or the alias stops short', () => {
    expect(found('a data team, a b c, testing a/b, data, web. hook')).toEqual([]);
  });
});
