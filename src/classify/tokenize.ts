// Offset-keeping tokenizer. natural's tokenizers drop offsets, and every tag must point at its
// exact text, so tokens are found in one hand-rolled pass (a Unicode regex costs ~4x as much on
// 5 KB) and carry [start, end) offsets. "C++", "C#", "F#" keep their symbols; ".NET" keeps its
// dot when the dot starts a word; everything else (". - / _ &") separates tokens, so
// "Node.js" -> node js and "CI/CD" -> ci cd.

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

/** Splits text into lowercase tokens with offsets into text. */
export function tokenize(text: string): Tokens {
  const lowerText = text.toLowerCase();
  // toLowerCase keeps offsets except for a few characters ("İ"); then lowercase per token
  const sameLength = lowerText.length === text.length;
  const lower: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i), text, i)) {
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
  return { lower, start, end };
}

/** Lowercase tokens of a phrase, joined by single spaces: the key phrases are compared by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).lower.join(' ');
}
