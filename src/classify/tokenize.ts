// Offset-keeping tokenizer. natural's tokenizers drop offsets, and every tag must point at its
// exact text, so tokens are found in one hand-rolled pass (a Unicode regex costs ~4x as much on
// 5 KB) and carry [start, end) offsets. "C++", "C#", "F#" keep their symbols; ".NET" keeps its
// dot when the dot starts a word; everything else (". - / _ &") separates tokens, so
// "Node.js" -> node js and "CI/CD" -> ci cd.
import type { Sentences } from './sentences.ts';

/** Tokens of a text as parallel arrays (cheaper than one object per token on 5 KB texts). */
export interface Tokens {
  /** lowercase token text */
  lower: string[];
  start: number[];
  end: number[];
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
// ASCII letters and digits, by char code
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;

function isWordCode(code: number, text: string, i: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  return NON_ASCII_WORD.test(text[i] ?? '');
}

// What JavaScript's \s matches: a sentence-ending ". ! ? ;" must be followed by one of these.
const SPACE = new Uint8Array(65536);
for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) SPACE[c] = 1;
for (let c = 0x2000; c <= 0x200a; c++) SPACE[c] = 1;

/** Whether a UTF-16 code unit is whitespace as JavaScript's \s and trim() see it. */
export function isSpaceCode(code: number): boolean {
  return SPACE[code] === 1;
}

/**
 * Splits text into lowercase tokens with offsets into text. With `sentences`, also records the
 * sentence boundaries splitSentences() finds (a line break, or ". ! ? ;" before whitespace or the
 * end), from the same pass: those characters are never inside a token.
 */
export function tokenize(text: string, sentences?: Sentences): Tokens {
  const lowerText = text.toLowerCase();
  // toLowerCase keeps offsets except for a few characters ("İ"); then lowercase per token
  const sameLength = lowerText.length === text.length;
  const lower: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isWordCode(code, text, i)) {
      if (sentences && (code === 10 || ((code === 46 || code === 33 || code === 63 || code === 59) && (i + 1 === n || SPACE[text.charCodeAt(i + 1)] === 1)))) {
        sentences.ends.push(i);
        sentences.starts.push(i + 1);
      }
      i++;
      continue;
    }
    let s = i;
    while (i < n && isWordCode(text.charCodeAt(i), text, i)) i++;
    if (text.charCodeAt(i) === 43 && text.charCodeAt(i + 1) === 43) i += 2; // ++
    else if (text.charCodeAt(i) === 35) i++; // #
    // ".NET": a dot that starts a word belongs to it; the dot in "Node.js" does not.
    if (s > 0 && text.charCodeAt(s - 1) === 46 && (s === 1 || !isWordCode(text.charCodeAt(s - 2), text, s - 2))) s--;
    lower.push(sameLength ? lowerText.slice(s, i) : text.slice(s, i).toLowerCase());
    start.push(s);
    end.push(i);
  }
  if (sentences) sentences.ends.push(n);
  return { lower, start, end };
}

/** Lowercase tokens of a phrase, joined by single spaces: the key phrases are compared by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).lower.join(' ');
}
