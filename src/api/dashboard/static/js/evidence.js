// Evidence spans: where each skill was found in the posting's text. Pure.

/** Every mention of every skill as a flat list of spans, sorted by position. */
export function mentionSpans(skills) {
  return skills
    .flatMap((s) => s.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, skill: s.skill, name: s.name, requirement: s.requirement, negated: s.negated })))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/** True when every span's offsets point at its own text in `text` (offsets are into the parsed description). */
export function spansFit(text, spans) {
  return spans.every((s) => text.slice(s.start, s.end) === s.text);
}

/**
 * Re-anchors spans in a text that differs from the one their offsets index (the parser drops
 * bullets and folds whitespace of pasted text, so offsets drift forward). Each span's own text is
 * searched in order from the previous match; null when any cannot be found.
 */
export function realignSpans(text, spans) {
  const out = [];
  let cursor = 0;
  let prevStart = -1;
  for (const s of spans) {
    const from = s.start > prevStart ? cursor : Math.max(0, cursor - 1);
    const at = text.indexOf(s.text, from);
    if (at < 0) return null;
    out.push({ ...s, start: at, end: at + s.text.length });
    cursor = at + 1;
    prevStart = s.start;
  }
  return out;
}

/** `text` cut into plain and highlighted segments; a span overlapping an earlier one is dropped. */
export function segments(text, spans) {
  const out = [];
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (s.start < pos || s.end > text.length || s.end <= s.start) continue;
    if (s.start > pos) out.push({ text: text.slice(pos, s.start) });
    out.push({ text: text.slice(s.start, s.end), span: s });
    pos = s.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos) });
  return out;
}

/** Skills grouped for display: required, preferred, mentioned (negated ones stay in their group, marked). */
export function groupSkills(skills) {
  const groups = { required: [], preferred: [], mentioned: [] };
  for (const s of skills) (groups[s.requirement] ?? groups.mentioned).push(s);
  return groups;
}
