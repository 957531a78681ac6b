import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from '../../../src/classify/alias-trie.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { readCorpus } from '../../../src/classify/eval/corpus.ts';
import { lexiconOf, lookupWords, type WordHits } from '../../../src/classify/lexicon.ts';
import { matchAliases } from '../../../src/classify/match-aliases.ts';
import { scanCues } from '../../../src/classify/scan-cues.ts';
import { tokenize } from '../../../src/classify/tokenize.ts';

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
