import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import type { TaggerTaxonomy } from '../../../src/classify/index.ts';
import type { Taxonomy } from '../../../src/types.ts';
import { posting } from './helpers.ts';

const taxonomy = loadDefaultTaxonomy();

describe('classifyPosting', () => {
  it('tags the contract checker\'s DevOps text: skills, requirement, primary role', () => {
    const c = classifyPosting(posting('DevOps Engineer', 'We automate everything. You will maintain our Jenkins and GitHub Actions pipelines, write Python scripts for cron jobs, and run workloads on Azure and GCP. Required: Docker, Git. A plus: pytest.'), taxonomy);
    const byId = new Map(c.skills.map((s) => [s.skill, s]));
    for (const id of ['jenkins', 'github-actions', 'python', 'azure', 'gcp', 'docker', 'git']) expect(byId.get(id)?.requirement, id).toBe('required');
    expect(byId.get('pytest')?.requirement).toBe('preferred');
    expect(c.roles[0]?.role).toBe('automation-devops');
    expect(c.taxonomyVersion).toBe(taxonomy.version);
  });

  it('gives a retail job no role and no skills', () => {
    const c = classifyPosting(posting('Retail Store Assistant', 'Greet customers, keep shelves stocked and run the till. Weekend shifts. Friendly attitude required.'), taxonomy);
    expect(c.roles).toEqual([]);
    expect(c.skills).toEqual([]);
  });

  it('gives a technical recruiter no role, though the text is full of tech', () => {
    const c = classifyPosting(posting('Technical Recruiter', 'You will hire Python and Django developers, React engineers, and AWS and Kubernetes specialists.'), taxonomy);
    expect(c.roles).toEqual([]);
    expect(c.skills.map((s) => s.skill)).toEqual(expect.arrayContaining(['python', 'django', 'react', 'aws', 'kubernetes']));
  });

  it('tells data science, API and security roles apart and explains each', () => {
    const ml = classifyPosting(posting('Machine Learning Engineer', 'Train models with PyTorch and scikit-learn; pandas and NumPy daily.'), taxonomy);
    const api = classifyPosting(posting('Backend Developer (FastAPI)', 'Build REST APIs with FastAPI and PostgreSQL. Integrate payment providers and webhooks.'), taxonomy);
    const sec = classifyPosting(posting('Application Security Engineer', 'Run threat modeling, penetration testing with Burp Suite, and secure code review; OWASP Top 10.'), taxonomy);
    expect([ml.roles[0]?.role, api.roles[0]?.role, sec.roles[0]?.role]).toEqual(['data-science-ml', 'api-integration', 'security-scalability']);
    for (const r of [...ml.roles, ...api.roles, ...sec.roles]) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.evidence.length).toBeGreaterThan(0);
    }
    expect(ml.roles[0]?.evidence[0]).toContain('Machine Learning Engineer');
  });

  it('tags skills from the description only (a title-only skill is not tagged)', () => {
    const c = classifyPosting(posting('Django Developer', 'Join our friendly team in Leeds.'), taxonomy);
    expect(c.skills).toEqual([]);
  });

  it('matches case and punctuation variants, and misspelt capitalised names', () => {
    const text = 'Node.js, C#, C++, CI/CD, sklearn, scikit-learn, Postgres, Google Cloud, .NET, and our Kuberentes clusters.';
    const ids = classifyPosting(posting('Engineer', text), taxonomy).skills.map((s) => s.skill);
    expect(ids).toEqual(expect.arrayContaining(['nodejs', 'csharp', 'cpp', 'ci-cd', 'scikit-learn', 'postgresql', 'gcp', 'dotnet', 'kubernetes']));
  });

  it('does not fuzzily turn English words into product names', () => {
    const ids = classifyPosting(posting('Engineer', 'We run containers in production and the container images are small.'), taxonomy).skills.map((s) => s.skill);
    expect(ids).not.toContain('podman');
  });

  it('keeps a skill that a longer alias implies: "Azure DevOps" is Azure too', () => {
    const ids = classifyPosting(posting('DevOps Engineer', 'Pipelines in Azure DevOps.'), taxonomy).skills.map((s) => s.skill);
    expect(ids).toEqual(['azure-devops', 'azure']);
  });

  it('reads seniority from the title, else from the years asked, and industries from phrases', () => {
    expect(classifyPosting(posting('Senior Data Engineer', 'Spark.'), taxonomy).seniority).toBe('senior');
    expect(classifyPosting(posting('Data Engineer', 'You have 2+ years of experience with Spark.'), taxonomy).seniority).toBe('mid');
    expect(classifyPosting(posting('Data Engineer', 'Spark.'), taxonomy).seniority).toBeNull();
    expect(classifyPosting(posting('Data Engineer', 'We need 6+ years building data pipelines.'), taxonomy).seniority).toBe('senior');
    expect(classifyPosting(posting('Data Engineer', 'Founded 12 years ago, we run Spark.'), taxonomy).seniority).toBeNull();
    expect(classifyPosting(posting('Engineer', 'We are a fintech building a digital bank.'), taxonomy).industries).toEqual(['fintech']);
    expect(classifyPosting(posting('Nurse', 'Care for patients on our cardiac ward at St Mary\'s hospital.'), taxonomy).industries).toContain('healthcare');
  });

  it('works on a bare Taxonomy with none of the tagger\'s extras', () => {
    const bare: Taxonomy = { version: 'v-bare', roles: [], skills: [{ id: 'widgetscript', name: 'WidgetScript', category: 'languages', aliases: ['WidgetScript', 'WS lang'] }] };
    const c = classifyPosting(posting('Engineer', 'We write WidgetScript and some WS lang.'), bare);
    expect(c.skills.map((s) => [s.skill, s.mentions.length])).toEqual([['widgetscript', 2]]);
    expect(c.roles).toEqual([]);
    expect(c.taxonomyVersion).toBe('v-bare');
  });

  it('treats a context alias without a rule conservatively: another skill on the line confirms it', () => {
    const bare: Taxonomy = {
      version: 'v-ctx',
      roles: [],
      skills: [
        { id: 'go', name: 'Go', category: 'languages', aliases: ['Golang'], contextAliases: ['Go'] } as Taxonomy['skills'][number],
        { id: 'python', name: 'Python', category: 'languages', aliases: ['Python'] },
      ],
    };
    const ids = (text: string) => classifyPosting(posting('Engineer', text), bare).skills.map((s) => s.skill);
    expect(ids('Go to our careers page.')).toEqual([]);
    expect(ids('We write Go and Python.')).toEqual(['go', 'python']);
  });

  it('uses an alias a user added, without code changes', () => {
    const edited: TaggerTaxonomy = {
      ...taxonomy,
      version: 'edited',
      skills: taxonomy.skills.map((s) => (s.id === 'postgresql' ? { ...s, aliases: [...s.aliases, 'Elephantine DB'] } : s)),
    };
    const ids = classifyPosting(posting('Engineer', 'We run Elephantine DB in production.'), edited).skills.map((s) => s.skill);
    expect(ids).toEqual(['postgresql']);
    // the shipped taxonomy, compiled separately, is untouched
    expect(classifyPosting(posting('Engineer', 'We run Elephantine DB in production.'), taxonomy).skills).toEqual([]);
  });

  it('every mention points at its exact text, and every skill has one (property)', () => {
    const words = ['Python', 'Go', 'go', 'React', 'react', 'no', 'not', 'required', 'a plus', 'Django', 'C++', 'C', 'R&D', 'Excel', 'AWS', 'Node.js', '\n', '.', ',', 'nice to have:', 'experience', 'with', 'Spark', 'the', 'and', 'Kuberentes'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 60 }), (parts) => {
        const text = parts.join(' ');
        const c = classifyPosting(posting('Software Engineer', text), taxonomy);
        for (const s of c.skills) {
          expect(s.mentions.length).toBeGreaterThan(0);
          for (const m of s.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
        }
        for (const r of c.roles) expect(r.score >= 0 && r.score <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('classifyPosting skill order', () => {
  it('lists skills in order of first mention, and each skill\'s mentions in text order', async () => {
    const { readCorpus } = await import('../../../src/classify/eval/corpus.ts');
    let checked = 0;
    for (const g of readCorpus()) {
      // ambiguous aliases ("Go", "R") go through checkContext's merge; the text holds some
      const { skills } = classifyPosting(posting(g.title, `Go, R and Excel. Azure DevOps.\n${g.text}`), taxonomy);
      const firsts = skills.map((s) => s.mentions[0]?.start ?? -1);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      for (const s of skills) {
        const starts = s.mentions.map((m) => m.start);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
      }
      checked += skills.length;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
