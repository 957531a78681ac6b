import { describe, expect, it } from 'vitest';
import { classifyHeading } from '../../../src/ingest/parse/sections.ts';
import { parseText } from '../../../src/ingest/parse/index.ts';

describe('classifyHeading', () => {
  it.each([
    ["What you'll do", 'responsibilities'], ['Your tasks', 'responsibilities'], ['Deine Aufgaben', 'responsibilities'],
    ['Requirements', 'requirements'], ['What we’re looking for', 'requirements'], ['Minimum qualifications', 'requirements'],
    ['Dein Profil', 'requirements'], ['Who you are', 'requirements'],
    ['Preferred qualifications', 'preferred'], ['Nice to have', 'preferred'], ['Bonus points', 'preferred'], ['Desired Skills:', 'preferred'],
    ['Benefits', 'benefits'], ['What we offer', 'benefits'], ['Perks & benefits', 'benefits'], ['Wir bieten', 'benefits'],
    ['About us', 'company'], ['About Acme', 'company'], ['Who we are', 'company'],
    ['About the role', 'other'], ['Equal opportunity', 'other'],
  ])('%s -> %s', (heading, kind) => expect(classifyHeading(heading)).toBe(kind));
});

describe('sections over pasted text', () => {
  const text = [
    'Acme builds billing software.',
    '',
    'Responsibilities:',
    '- Build APIs in Go',
    '- Run PostgreSQL',
    '',
    'Requirements:',
    '* 3+ years of backend work',
    '* Kubernetes experience is a plus',
    '* Strong SQL',
    '',
    'Benefits',
    '• Remote budget',
  ].join('\n');
  const p = parseText(text);
  const spans = p.sections.map((s) => [s.kind, p.description.slice(s.start, s.end)]);

  it('strips bullets and keeps one item per line', () => {
    expect(p.description).toBe('Acme builds billing software.\n\nResponsibilities:\nBuild APIs in Go\nRun PostgreSQL\n\nRequirements:\n3+ years of backend work\nKubernetes experience is a plus\nStrong SQL\n\nBenefits\nRemote budget');
  });

  it('spans headings to the next heading and marks "is a plus" items preferred', () => {
    expect(spans).toEqual([
      ['responsibilities', 'Responsibilities:\nBuild APIs in Go\nRun PostgreSQL'],
      ['requirements', 'Requirements:\n3+ years of backend work'],
      ['preferred', 'Kubernetes experience is a plus'],
      ['requirements', 'Strong SQL'],
      ['benefits', 'Benefits\nRemote budget'],
    ]);
  });
});
