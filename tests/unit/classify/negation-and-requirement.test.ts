import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { detectSections } from '../../../src/classify/detect-sections.ts';
import { posting } from './helpers.ts';

interface Case {
  name: string;
  text: string;
  /** skill id -> "required" | "preferred" | "mentioned" | "negated" */
  expect: Record<string, string>;
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/classify/negation-and-requirement.json', import.meta.url), 'utf8')) as Case[];
const taxonomy = loadDefaultTaxonomy();

describe('negation and required/preferred', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const skills = classifyPosting(posting('Software Engineer', c.text), taxonomy).skills;
    for (const [id, want] of Object.entries(c.expect)) {
      const tag = skills.find((s) => s.skill === id);
      expect(tag, `${id} tagged`).toBeDefined();
      expect(tag?.negated ? 'negated' : tag?.requirement, id).toBe(want);
    }
  });

  it('takes required/preferred from the parser sections when the wording says nothing', () => {
    const text = 'Docker\nTerraform';
    const sections = [
      { kind: 'requirements' as const, heading: 'You have', start: 0, end: 6 },
      { kind: 'preferred' as const, heading: 'Bonus', start: 7, end: 16 },
    ];
    const skills = classifyPosting(posting('DevOps Engineer', text, sections), taxonomy).skills;
    expect(skills.map((s) => [s.skill, s.requirement])).toEqual([['docker', 'required'], ['terraform', 'preferred']]);
  });

  it('finds headings in plain text the parser did not split', () => {
    const sections = detectSections('About us\nWe sell tea.\n\nWhat you will do:\nShip code\n\nNice to have:\nRust');
    expect(sections.map((s) => s.kind)).toEqual(['company', 'responsibilities', 'preferred']);
  });
});
