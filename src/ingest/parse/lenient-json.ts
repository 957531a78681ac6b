// JSON as real sites ship it inside <script type="application/ld+json">: wrapped in HTML
// comments or CDATA, with trailing commas, raw control characters in strings, // and /* */
// comments, or several objects back to back. Strict JSON.parse first; repair only on failure.

/** Parses JSON leniently; returns undefined when even the repaired text is not JSON. */
export function parseLenientJson(raw: string): unknown {
  const text = raw.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // fall through to repair
  }
  const repaired = repair(stripWrappers(text));
  try {
    return JSON.parse(repaired);
  } catch {
    // "{...}{...}" or "{...},{...}": several objects in one script
    try {
      return JSON.parse(`[${repaired.replace(/}\s*{/g, '},{')}]`);
    } catch {
      return undefined;
    }
  }
}

function stripWrappers(s: string): string {
  return s
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .replace(/;\s*$/, '')
    .trim();
}

/**
 * One pass over the text, outside strings: drop comments and commas before } or ];
 * inside strings: escape raw control characters and stray backslashes.
 */
function repair(s: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (inStr) {
      if (ch === '\\') {
        const next = s[i + 1] ?? '';
        if (/["\\/bfnrtu]/.test(next)) {
          out += ch + next;
          i++;
        } else out += '\\\\'; // "\_" is invalid JSON: keep the backslash literally
        continue;
      }
      if (ch === '"') inStr = false;
      const code = ch.charCodeAt(0);
      if (code < 0x20) out += code === 10 ? '\\n' : code === 13 ? '\\r' : code === 9 ? '\\t' : ' ';
      else out += ch;
      continue;
    }
    if (ch === '"') {
      inStr = true;
      out += ch;
    } else if (ch === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (ch === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 1;
    } else if (ch === '<' && s.startsWith('<!--', i)) {
      i += 3;
    } else if (ch === '-' && s.startsWith('-->', i)) {
      i += 2;
    } else if (ch === ',') {
      let j = i + 1;
      while (j < s.length && /\s/.test(s[j]!)) j++;
      if (s[j] !== '}' && s[j] !== ']') out += ch;
    } else out += ch;
  }
  return out;
}
