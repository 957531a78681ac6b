import { analyzeHtml } from '../../../src/analyze.ts';
import { upsertSubmittedPostings, writeAnalyses } from '../../../src/db/postings.sql.ts';
import type { Sql } from '../../../src/db/sql.ts';
import type { Taxonomy } from '../../../src/types.ts';

// A few dozen job pages of the kinds the seed article describes, spread over the last twelve
// weeks, written through the real path (parse, tag, writeAnalyses) so every rollup sees them.

interface Template {
  title: string;
  intro: string;
  required: string[];
  preferred: string[];
  notNeeded?: string;
}

const TEMPLATES: Template[] = [
  {
    title: 'Full-Stack Python Developer',
    intro: 'You will build customer-facing web applications end to end, from Django views and templates to React components.',
    required: ['3+ years building web applications with Python and Django', 'JavaScript and React on the front end', 'PostgreSQL and writing efficient SQL', 'Git and code review'],
    preferred: ['Docker for local development', 'Experience with AWS'],
  },
  {
    title: 'Machine Learning Engineer',
    intro: 'Our data science team trains and ships models that rank millions of items a day.',
    required: ['Strong Python with pandas and NumPy', 'Model training with scikit-learn and PyTorch', 'Working in Jupyter notebooks and turning them into production code', 'SQL'],
    preferred: ['TensorFlow or Keras', 'Hugging Face Transformers'],
    notNeeded: 'No prior experience with Java is needed.',
  },
  {
    title: 'DevOps Engineer (Python)',
    intro: 'You will own our CI/CD pipelines and the automation scripts that keep 300 services deployable.',
    required: ['Python scripting for automation', 'Docker and Kubernetes', 'CI/CD with GitHub Actions or Jenkins', 'Linux and Bash'],
    preferred: ['Terraform', 'Google Cloud (GCP)'],
  },
  {
    title: 'Backend API Engineer',
    intro: 'Build and run the REST APIs that our partners integrate with, and the webhooks that keep them in sync.',
    required: ['Python with FastAPI or Flask', 'Designing RESTful APIs and writing API documentation', 'PostgreSQL', 'Testing with pytest'],
    preferred: ['Redis', 'Experience with Azure'],
  },
  {
    title: 'Security Engineer, Platform',
    intro: 'Keep a growing platform secure and scalable: threat modelling, hardening and load testing.',
    required: ['Python for security tooling', 'Application security and OWASP', 'Kubernetes and Docker', 'Scalability: caching, load balancing and horizontal scaling'],
    preferred: ['AWS security services', 'Penetration testing'],
  },
];

const COMPANIES = ['Nordlicht Analytics', 'Harbour & Finch', 'Quillon Health', 'Brightwater Logistics', 'Mosaik Retail', 'Tallow Systems'];
const PLACES = [
  { city: 'Berlin', country: 'DE', currency: 'EUR', base: 68000 },
  { city: 'London', country: 'GB', currency: 'GBP', base: 62000 },
  { city: 'Amsterdam', country: 'NL', currency: 'EUR', base: 64000 },
  { city: 'Austin', country: 'US', currency: 'USD', base: 115000 },
];
const SENIORITY = ['Junior', 'Senior', '', 'Lead'];
const WORKPLACE = ['remote', 'hybrid', 'onsite'] as const;

// Uneven demand, so the lines in the role chart are told apart: API and data roles lead.
const ROLE_PATTERN = [3, 1, 0, 3, 1, 2, 3, 4, 1, 0];

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** One realistic job page with JobPosting JSON-LD (variant `i` picks role, place, seniority, date). */
export function postingPage(i: number, today = new Date()): { html: string; url: string } {
  const t = TEMPLATES[ROLE_PATTERN[i % ROLE_PATTERN.length]!]!;
  const place = PLACES[i % PLACES.length]!;
  const level = SENIORITY[i % SENIORITY.length]!;
  const workplace = WORKPLACE[i % WORKPLACE.length]!;
  const company = COMPANIES[i % COMPANIES.length]!;
  const title = level ? `${level} ${t.title}` : t.title;
  const posted = isoDay(new Date(today.getTime() - ((i * 5) % 80) * DAY_MS - DAY_MS));
  const bump = level === 'Lead' ? 1.35 : level === 'Senior' ? 1.2 : level === 'Junior' ? 0.75 : 1;
  const min = Math.round((place.base * bump + (i % 7) * 1500) / 1000) * 1000;
  const where = workplace === 'remote' ? 'This role is fully remote.' : workplace === 'hybrid' ? `Hybrid: two days a week in our ${place.city} office.` : `On-site in ${place.city}.`;
  const description =
    `<p>${company} is hiring. ${t.intro}</p><p>${where}</p>` +
    `<h3>Requirements</h3><ul>${t.required.map((r) => `<li>${r}</li>`).join('')}</ul>` +
    `<h3>Nice to have</h3><ul>${t.preferred.map((r) => `<li>${r}</li>`).join('')}</ul>` +
    (t.notNeeded ? `<p>${t.notNeeded}</p>` : '');
  const ld = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title,
    datePosted: posted,
    employmentType: 'FULL_TIME',
    hiringOrganization: { '@type': 'Organization', name: company },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: place.city, addressCountry: place.country } },
    ...(workplace === 'remote' ? { jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country', name: place.country } } : {}),
    baseSalary: { '@type': 'MonetaryAmount', currency: place.currency, value: { '@type': 'QuantitativeValue', minValue: min, maxValue: min + 15000, unitText: 'YEAR' } },
    description,
  };
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${company}</title>
<script type="application/ld+json">${JSON.stringify(ld)}</script></head>
<body><main><h1>${title}</h1>${description}</main></body></html>`;
  return { html, url: `https://careers.example.org/jobs/${1000 + i}` };
}

/** Writes `n` analysed postings through the real write path; returns their ids. */
export async function seedPostings(sql: Sql, taxonomy: Taxonomy, n: number): Promise<number[]> {
  const pages = Array.from({ length: n }, (_, i) => postingPage(i));
  const rows = await upsertSubmittedPostings(sql, pages.map((p) => ({ canonicalUrl: p.url, url: p.url })), 'feed');
  const fetchedAt = new Date();
  await writeAnalyses(
    sql,
    rows.map((row, i) => {
      const { parsed, analysis } = analyzeHtml(pages[i]!.html, { url: row.canonicalUrl, fetchedAt }, taxonomy);
      return { postingId: row.id, analysis, description: parsed.description, sections: parsed.sections, contentHash: `seed-${i}`, fetchedAt, etag: null, lastModified: null };
    }),
  );
  return rows.map((r) => r.id);
}
