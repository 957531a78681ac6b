import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { ANY_NEGATION, ANY_PREFERENCE, MAY_NEGATE, MAY_PREFER, screenWord } from '../../../src/classify/judge-mention.ts';
import { splitSentences } from '../../../src/classify/sentences.ts';
import { tokenize, WORD_ID_LIMIT } from '../../../src/classify/tokenize.ts';
import { posting } from './helpers.ts';

// The tokenizer's rules written plainly, without the word pool or the sentence bookkeeping.
function reference(text: string): { lower: string[]; start: number[]; end: number[] } {
  const word = (i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i] as string);
  const lowerText = text.toLowerCase();
  const out = { lower: [] as string[], start: [] as number[], end: [] as number[] };
  let i = 0;
  while (i < text.length) {
    if (!word(i)) { i++; continue; }
    let s = i;
    while (word(i)) i++;
    if (text.startsWith('++', i)) i += 2;
    else if (text[i] === '#') i++;
    if (text[s - 1] === '.' && !word(s - 2)) s--;
    out.lower.push(lowerText.length === text.length ? lowerText.slice(s, i) : text.slice(s, i).toLowerCase());
    out.start.push(s);
    out.end.push(i);
  }
  return out;
}

// Offsets as plain arrays, for comparing with reference()
function plain(t: ReturnType<typeof tokenize>): { lower: string[]; start: number[]; end: number[] } {
  return { lower: t.lower, start: Array.from(t.start), end: Array.from(t.end) };
}

// Letters, digits and the characters the rules treat specially: symbols kept in tokens, sentence
// ends, "_" (a word character to \b, not to the tokenizer), accented letters, "İ" and the Kelvin
// sign "K" (whose lowercase changes length or is ASCII).
const CHARS = ['a', 'B', 'n', 'o', 't', 'N', 'O', 'T', '1', ' ', ' ', '.', '#', '+', '\n', '_', "'", '’', '!', '?', ';', 'é', 'İ', '\u212a', '-'];
const texts = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((cs) => cs.join(''));
const WORDS = ['no', 'not', 'never', 'zero', 'without', "don't", 'isn’t', 'nice', 'plus', 'preferably', 'desired', 'but', 'knot', 'nothing', 'note', 'go', 'Python', 'a', 'even', 'better'];
const sentencesOfWords = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(' ', ', ', '. ', '_', '-', '\n', 'é', '2')), { maxLength: 12 }).map((ws) => ws.join(''));

describe('tokenize', () => {
  it('finds the tokens and offsets the plain rules give, from the word pool or not', () => {
    fc.assert(fc.property(texts, (text) => {
      const t = tokenize(text);
      expect(plain(t)).toEqual(reference(text));
      // a second pass reads the same words back from the pool
      expect(tokenize(text).ids).toEqual(t.ids);
    }), { numRuns: 2000 });
  });

  it('records the sentence ends splitSentences finds, from the same pass', () => {
    fc.assert(fc.property(texts, (text) => {
      const sentences = { starts: [0], ends: [] as number[] };
      tokenize(text, sentences);
      expect(sentences).toEqual(splitSentences(text));
    }), { numRuns: 2000 });
  });

  it('reads nothing of an earlier, longer text past the end of this one', () => {
    // the scan reads characters from a buffer reused across texts
    tokenize('xxxxxxx C++ C# .NET. ');
    expect(tokenize('C').lower).toEqual(['c']);
    expect(tokenize('xxxx C').lower).toEqual(['xxxx', 'c']);
    const sentences = { starts: [0], ends: [] as number[] };
    tokenize('xxxx', sentences);
    expect(sentences).toEqual(splitSentences('xxxx'));
  });

  it('keeps its offsets and ids when later texts are tokenized', () => {
    // offsets and ids are written in buffers reused across texts, then copied out
    const first = tokenize('Go and Rust');
    const ids = Array.from(first.ids);
    tokenize('xxxxxxxxxxxxxxx yyyyyyyyyyyy z q');
    // and past the slab their views are cut from, into the next ones
    for (let k = 0; k < 30; k++) tokenize('a b c d e f g h i j '.repeat(100));
    expect(plain(first)).toEqual(reference('Go and Rust'));
    expect(Array.from(first.ids)).toEqual(ids);
  });

  it('tells apart words that share their first 4 characters or differ only past them', () => {
    // a slot holds a word's length (capped) and first 4 characters; the rest is compared in the arena
    const t = tokenize('data datas dat data1 data2 datA DATAS abcdefgh abcdefgi abcdefg');
    expect(new Set(t.ids).size).toBe(8);
    expect(t.ids[5]).toBe(t.ids[0]);
    expect(t.ids[6]).toBe(t.ids[1]);
    expect(t.ids[7]).not.toBe(t.ids[8]);
    expect(Array.from(t.ids, (id, i) => tokenize(t.lower[i] as string).ids[0])).toEqual(Array.from(t.ids));
    // lengths past the cap: the length is then read from the pool
    const long = [126, 127, 128, 200].flatMap((n) => [`${'q'.repeat(n)}`, `${'q'.repeat(n - 1)}r`]);
    const l = tokenize(long.join(' '));
    expect(new Set(l.ids).size).toBe(long.length);
    expect(Array.from(tokenize(long.join(' ')).ids)).toEqual(Array.from(l.ids));
  });

  it('pools words longer than the length a slot holds once', () => {
    const long = `${'Ab'.repeat(200)}C`;
    const text = `${long} x ${long.toLowerCase()} .${long}`;
    const t = tokenize(text);
    expect(plain(t)).toEqual(reference(text));
    expect(t.ids[0]).toBeGreaterThanOrEqual(0);
    expect(t.ids[2]).toBe(t.ids[0]);
    expect(tokenize(long).ids[0]).toBe(t.ids[0]);
    expect(t.ids[3]).not.toBe(t.ids[0]);
  });

  it('tokenizes texts longer than the reused buffer, and short ones after them', () => {
    for (const length of [9_000, 70_000]) {
      const text = 'Python, C++ and Go. '.repeat(Math.ceil(length / 20)).slice(0, length);
      expect(plain(tokenize(text))).toEqual(reference(text));
      expect(tokenize('Rust.').lower).toEqual(['rust']);
    }
  });

  it('keeps every word findable while the pool grows', () => {
    const text = Array.from({ length: 3000 }, (_, j) => `grow${j}x`).join(' ');
    const first = tokenize(text);
    const again = tokenize(`${text} ${text}`);
    if (again.generation === first.generation) expect(again.ids.slice(0, 3000)).toEqual(first.ids);
    expect(again.ids.slice(3000)).toEqual(again.ids.slice(0, 3000));
    expect(new Set(again.ids.slice(0, 3000)).size).toBe(3000);
  });

  it('gives equal words equal ids and tells ASCII text apart', () => {
    const t = tokenize('Go GO go. Müller');
    expect(t.ids[0]).toBe(t.ids[1]);
    expect(t.ids[1]).toBe(t.ids[2]);
    expect(t.ids[0]).not.toBe(t.ids[3]);
    expect(t.ascii).toBe(false);
    expect(tokenize('Go, C++ and .NET').ascii).toBe(true);
  });

  it('starts a new pool generation when the pool is full, and tags the same', () => {
    const taxonomy = loadDefaultTaxonomy();
    const p = posting('Backend Engineer', 'Required: Python and Go. No Django experience needed. Kafka is a plus.');
    const before = classifyPosting(p, taxonomy);
    const generation = tokenize('x').generation;
    // more distinct words than the pool holds, across texts
    for (let k = 0; k < WORD_ID_LIMIT + 100; k += 500) tokenize(Array.from({ length: 500 }, (_, j) => `w${k + j}`).join(' '));
    const t = tokenize('python django python');
    expect(t.generation).toBeGreaterThan(generation);
    expect(t.ids[0]).toBe(t.ids[2]);
    expect(classifyPosting(p, taxonomy)).toEqual(before);
  });
});

describe('screenWord', () => {
  it('marks a word of every ASCII sentence the negation and preference screens match', () => {
    fc.assert(fc.property(sentencesOfWords, (sentence) => {
      const ascii = sentence.replace(/é/g, ' ');
      const bits = tokenize(ascii).lower.reduce((acc, w) => acc | screenWord(w), 0);
      if (ANY_NEGATION.test(ascii)) expect(bits & MAY_NEGATE).toBe(MAY_NEGATE);
      if (ANY_PREFERENCE.test(ascii)) expect(bits & MAY_PREFER).toBe(MAY_PREFER);
    }), { numRuns: 3000 });
  });

  it('leaves words that cannot start a screen match unmarked', () => {
    expect(screenWord('knowledge')).toBe(0);
    expect(screenWord('python')).toBe(0);
    expect(screenWord('t')).toBe(MAY_NEGATE);
    expect(screenWord('preferably')).toBe(MAY_PREFER);
    expect(screenWord('not')).toBe(MAY_NEGATE | MAY_PREFER);
  });
});
