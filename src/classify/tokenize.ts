// Offset-keeping tokenizer. natural's tokenizers drop offsets, and every tag must point at its
// exact text, so tokens are found with one sticky regex pass and carry [start, end) offsets.
// "C++", "C#", "F#" keep their symbols; ".NET" keeps its dot when the dot starts a word;
// everything else (". - / _ &") separates tokens, so "Node.js" -> node js and "CI/CD" -> ci cd.

/** Tokens of a text as parallel arrays (cheaper than one object per token on 5 KB texts). */
export interface Tokens {
  /** lowercase token text */
  lower: string[];
  start: number[];
  end: number[];
}

const TOKEN = /[\p{L}\p{N}]+(?:\+\+|#)?/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Splits text into lowercase tokens with offsets into text. */
export function tokenize(text: string): Tokens {
  const lower: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let s = m.index;
    // ".NET": a dot that starts a word belongs to it; the dot in "Node.js" does not.
    if (s > 0 && text[s - 1] === '.' && (s === 1 || !WORD_CHAR.test(text[s - 2] ?? ''))) s--;
    lower.push(text.slice(s, m.index + m[0].length).toLowerCase());
    start.push(s);
    end.push(m.index + m[0].length);
  }
  return { lower, start, end };
}

/** Lowercase tokens of a phrase, joined by single spaces: the key phrases are compared by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).lower.join(' ');
}
