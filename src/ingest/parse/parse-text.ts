// parseText: pasted plain text (with an optional title) into a ParsedPosting.
import type { FieldOrigins, ParsedPosting } from '../../types.ts';
import { textToBlocks } from './blocks.ts';
import { toIsoDate } from './dates.ts';
import { describe } from './description.ts';
import { collapse } from './dom.ts';
import { normaliseEmploymentType } from './employment-type.ts';
import { parseLocations } from './location.ts';
import { assertUsable } from './parse-posting.ts';
import { parseSalaryText } from './salary.ts';
import { detectWorkplace } from './workplace.ts';

const LINE = /^(location|locations|standort|employment type|job type|posted|date posted|company)\s*[:：]\s*(.+)$/im;

function labelled(text: string, label: RegExp): string | null {
  for (const line of text.slice(0, 4000).split('\n')) {
    const m = LINE.exec(line.trim());
    if (m && label.test(m[1]!)) return m[2]!.trim();
  }
  return null;
}

/** Pasted plain text (with an optional title) into a ParsedPosting; structuredData.source 'text'. */
export function parseText(text: string, opts: { title?: string | null; url?: string | null; fetchedAt?: Date } = {}): ParsedPosting {
  const input = assertUsable(text, 'text');
  const fetchedAt = opts.fetchedAt ?? new Date();
  const { description, sections } = describe(textToBlocks(input));
  const locText = labelled(description, /^(?:locations?|standort)$/i);
  const locations = locText ? parseLocations(locText) : [];
  const country = locations.find((l) => l.country)?.country ?? null;
  const title = opts.title ? collapse(opts.title) || null : null;
  const company = labelled(description, /^company$/i);
  const workplace = detectWorkplace(title, locText, description);
  const employmentType = normaliseEmploymentType(labelled(description, /type$/i)) ?? normaliseEmploymentType(title);
  const datePosted = toIsoDate(labelled(description, /posted/i), fetchedAt);
  const salary = parseSalaryText(description, { country });
  // everything here is read from the pasted text (the title is given with it)
  const fields: FieldOrigins = {};
  const found = { title, company, location: locations[0] ?? null, workplace, employmentType, datePosted, salary, description: description || null };
  for (const [k, v] of Object.entries(found) as Array<[keyof typeof found, unknown]>) if (v !== null) fields[k] = 'text';
  return {
    url: opts.url ?? null,
    title,
    company,
    description,
    sections,
    location: locations[0] ?? null,
    locations,
    workplace,
    employmentType,
    datePosted,
    validThrough: null,
    salary,
    structuredData: { source: 'text', issues: [], fields },
  };
}
