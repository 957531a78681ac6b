import { describe, expect, it } from 'vitest';
import { clientModule } from './client-modules.ts';
import type { EvidenceModule } from './client-modules.ts';

const { mentionSpans, realignSpans, segments, spansFit, groupSkills } = await clientModule<EvidenceModule>('evidence.js');

const skills = [
  { skill: 'python', name: 'Python', requirement: 'required', negated: false, mentions: [{ start: 23, end: 29, text: 'Python' }, { start: 86, end: 92, text: 'Python' }] },
  { skill: 'django', name: 'Django', requirement: 'required', negated: false, mentions: [{ start: 97, end: 103, text: 'Django' }] },
  { skill: 'java', name: 'Java', requirement: 'mentioned', negated: true, mentions: [{ start: 157, end: 161, text: 'Java' }] },
];

describe('evidence spans', () => {
  it('flattens mentions in text order, with their skill', () => {
    const spans = mentionSpans(skills);
    expect(spans.map((s) => [s.start, s.skill])).toEqual([[23, 'python'], [86, 'python'], [97, 'django'], [157, 'java']]);
    expect(spans[3]).toMatchObject({ negated: true, requirement: 'mentioned' });
  });

  it('re-anchors spans in pasted text whose bullets the parser dropped', () => {
    // The parser's description lost "- " before each bullet, so offsets in the pasted text run later.
    const pasted = 'We are hiring a Senior Python Engineer.\n\nRequirements:\n- 5+ years of Python and Django\n- Java is not needed';
    const spans = [
      { start: 23, end: 29, text: 'Python' },
      { start: 66, end: 72, text: 'Python' },
      { start: 77, end: 83, text: 'Django' },
      { start: 84, end: 88, text: 'Java' },
    ];
    expect(spansFit(pasted, spans)).toBe(false);
    const placed = realignSpans(pasted, spans)!;
    expect(placed.map((s) => pasted.slice(s.start, s.end))).toEqual(['Python', 'Python', 'Django', 'Java']);
    expect(placed[1]!.start).toBeGreaterThan(placed[0]!.start); // the second Python is the second occurrence
    expect(spansFit(pasted, placed)).toBe(true);
  });

  it('gives up (null) when a mention is not in the text at all', () => {
    expect(realignSpans('nothing here', [{ start: 0, end: 6, text: 'Python' }])).toBeNull();
  });

  it('cuts text into plain and marked segments that join back to the text, dropping overlaps', () => {
    const text = 'Django REST Framework and Python';
    const segs = segments(text, [
      { start: 0, end: 21, text: 'Django REST Framework', skill: 'drf' },
      { start: 0, end: 6, text: 'Django', skill: 'django' },
      { start: 26, end: 32, text: 'Python', skill: 'python' },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.span).map((s) => s.span!.skill)).toEqual(['drf', 'python']);
  });

  it('ignores spans outside the text', () => {
    expect(segments('abc', [{ start: 2, end: 9, text: 'x' }])).toEqual([{ text: 'abc' }]);
  });

  it('groups skills by requirement, negated ones kept in their group', () => {
    const g = groupSkills(skills);
    expect(g.required.map((s) => s.skill)).toEqual(['python', 'django']);
    expect(g.mentioned.map((s) => s.skill)).toEqual(['java']);
    expect(g.preferred).toEqual([]);
  });
});
