import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIndustries } from '../../../src/classify/industries.ts';

// The rule written plainly with Maps and Sets: ids with a strong phrase (in order of first strong
// phrase), then the others (in order of first cue); a stable sort by strength; the top three.
function reference(hits: Array<{ phrase: string; id: string; strong: boolean }>): string[] {
  const strong = new Map<string, number>();
  const cues = new Map<string, Set<string>>();
  for (const { phrase, id, strong: isStrong } of hits) {
    if (isStrong) strong.set(id, (strong.get(id) ?? 0) + 1);
    else cues.set(id, (cues.get(id) ?? new Set()).add(phrase));
  }
  return [...new Set([...strong.keys(), ...cues.keys()])]
    .map((id) => ({ id, strong: strong.get(id) ?? 0, cues: cues.get(id)?.size ?? 0 }))
    .filter((x) => x.strong > 0 || x.cues >= 3)
    .sort((a, b) => b.strong * 3 + b.cues - (a.strong * 3 + a.cues))
    .slice(0, 3)
    .map((x) => x.id);
}

const hit = fc.record({ phrase: fc.constantFrom('bank', 'loans', 'kyc', 'ledger', 'patients', 'ehr', 'care'), id: fc.constantFrom('fintech', 'healthcare', 'saas', 'travel', 'gaming'), strong: fc.boolean() });

describe('detectIndustries', () => {
  it('ranks industries as the plain Map-and-Set rule does, ties included', () => {
    fc.assert(fc.property(fc.array(hit, { maxLength: 40 }), (hits) => {
      expect(detectIndustries(hits)).toEqual(reference(hits));
    }), { numRuns: 3000 });
  });

  it('needs one strong phrase or three distinct cues', () => {
    const cue = (phrase: string) => ({ phrase, id: 'fintech', strong: false });
    expect(detectIndustries([cue('bank'), cue('bank'), cue('loans')])).toEqual([]);
    expect(detectIndustries([cue('bank'), cue('kyc'), cue('loans')])).toEqual(['fintech']);
    expect(detectIndustries([{ phrase: 'hospital', id: 'healthcare', strong: true }])).toEqual(['healthcare']);
  });
});
