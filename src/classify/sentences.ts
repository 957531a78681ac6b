// Sentence and clause spans around a position: the window that negation, requirement phrasing
// and context rules look at. A dot only ends a sentence when whitespace follows ("Node.js").

/** Start of the sentence (or list line) containing pos. */
export function sentenceStart(text: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1; // \n
    if ((c === 46 || c === 33 || c === 63 || c === 59) && isSpace(text.charCodeAt(i + 1))) return i + 1; // . ! ? ;
  }
  return 0;
}

/** End of the sentence (or list line) containing pos. */
export function sentenceEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if ((c === 46 || c === 33 || c === 63 || c === 59) && (i + 1 >= text.length || isSpace(text.charCodeAt(i + 1)))) return i;
  }
  return text.length;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
}

const CLAUSE_BREAK = /\b(?:but|however|although|though|whereas|while|yet)\b|[,;(]\s*(?:and|or)?\s*(?=we\b|you\b|it\b)/gi;

/** The clause of a sentence around [start, end): the sentence cut at "but", "however", ... */
export function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  const sStart = sentenceStart(text, start);
  const sEnd = sentenceEnd(text, end);
  let before = text.slice(sStart, start);
  let after = text.slice(end, sEnd);
  CLAUSE_BREAK.lastIndex = 0;
  let cut = -1;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) cut = m.index + m[0].length;
  if (cut >= 0) before = before.slice(cut);
  CLAUSE_BREAK.lastIndex = 0;
  const next = CLAUSE_BREAK.exec(after);
  if (next) after = after.slice(0, next.index);
  return { before, after };
}
