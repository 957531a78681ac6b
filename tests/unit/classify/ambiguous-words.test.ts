import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { posting } from './helpers.ts';

interface Case {
  name: string;
  title: string;
  text: string;
  tagged: string[];
  notTagged: string[];
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/classify/ambiguous-words.json', import.meta.url), 'utf8')) as Case[];
const taxonomy = loadDefaultTaxonomy();

describe('ambiguous words need context', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tags = classifyPosting(posting(c.title, c.text), taxonomy).skills.filter((s) => !s.negated).map((s) => s.skill);
    for (const id of c.tagged) expect(tags, `expected ${id}`).toContain(id);
    for (const id of c.notTagged) expect(tags, `did not expect ${id}`).not.toContain(id);
  });
});
