// Finds the responsibilities / requirements / preferred / benefits / company spans of a
// description from its headings and lead-in phrases ("Nice to have:"). The tagger reads them
// to decide required vs preferred, so spans are exact offsets into the description.
import type { Section, SectionKind } from '../../types.ts';
import type { PlacedBlock } from './blocks.ts';

const RULES: Array<[SectionKind, RegExp]> = [
  ['other', /^where you(?:'|’)?ll (?:be|work)|^(?:job )?locations?$|^how to apply|^equal (?:employment )?opportunit/],
  ['preferred', /nice[\s-]to[\s-]haves?|bonus|preferred|desired|desirable|a plus|big plus|pluses|plus points|good to have|extra credit|would be (?:great|nice|a plus)|stand out|not required|optional|ideally|wünschenswert|von vorteil/],
  ['benefits', /benefits?|perks|what we offer|we offer|our offer|why (?:join|work)|what(?:'|’)?s in it for you|what you(?:'|’)?ll get|what you get|why us|compensation|salary|package|rewards|why you(?:'|’)?ll love|wir bieten/],
  ['requirements', /requirements?|required|essential|criteria|minimum|basic qualifications|(?:a |good |great )?fit if|qualifications?|must[\s-]haves?|what you(?:'|’)?ll need|what you need|what you bring|you bring|you have|you(?:'|’)?ve got|who you are|about you|your profile|profile|skills|experience|what we(?:'|’)?re looking for|we(?:'|’)?re looking for|looking for|you should have|ideal candidate|competenc|your background|expertise|you are|you(?:'|’)?re|dein profil|ihr profil|anforderungen/],
  ['responsibilities', /responsibilit|what you(?:'|’)?ll (?:do|be doing|work on)|what you will (?:do|be doing)|your (?:role|mission|tasks|impact|day)|duties|in this role|day[\s-]to[\s-]day|key (?:tasks|accountabilit)|you will|you(?:'|’)?ll|the job involves|tasks|deine aufgaben|ihre aufgaben|aufgaben/],
  ['company', /^about(?! (?:the )?(?:role|job|position|you|this role|the opportunity))|who we are|our (?:company|story|mission|team|culture)|the company|company|über uns|wer wir sind/],
];

/** The section kind a heading introduces, or 'other' for unrecognised headings. */
export function classifyHeading(heading: string): SectionKind {
  const h = heading.toLowerCase().replace(/[:：.!?]+\s*$/, '').trim();
  if (h.length > 80) return 'other';
  for (const [kind, re] of RULES) if (re.test(h)) return kind;
  return 'other';
}

// "Required: Docker, Git. A plus: pytest." Lead-ins are label-like phrases ending in a colon.
const LEAD_IN = /(?:^|(?<=[.!?;]\s{1,3}))(requirements?|required|must[\s-]haves?|qualifications|nice[\s-]to[\s-]haves?|a plus|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|benefits|perks|responsibilities|what we offer|we offer)\s*:/gi;
// A list item saying "... is a plus" is preferred whatever section it sits in.
const PREFERRED_ITEM = /\b(?:is|are|would be|as) (?:a |an )?(?:big |huge |strong )?(?:plus|bonus|advantage|nice to have)\b|\bnice[\s-]to[\s-]have\b|\bpreferred\b|\bideally\b/i;

interface Open { kind: SectionKind; heading: string | null; start: number }

/** Computes sections over placed blocks; spans are sorted and never overlap. */
export function findSections(blocks: PlacedBlock[]): Section[] {
  const out: Section[] = [];
  let open: Open | null = null;
  let pending: Open | null = null; // a section interrupted by a one-block lead-in, resumed after it
  let lastEnd = 0;
  const close = (end: number): void => {
    if (open && end > open.start) out.push({ kind: open.kind, heading: open.heading, start: open.start, end });
    open = null;
  };
  for (const b of blocks) {
    if (b.type === 'heading') {
      close(lastEnd);
      pending = null;
      open = { kind: classifyHeading(b.text), heading: b.text, start: b.start };
      lastEnd = b.end;
      continue;
    }
    const resume = pending as Open | null;
    if (!open && resume) open = { kind: resume.kind, heading: resume.heading, start: b.start };
    pending = null;
    // every lead-in ends in a colon: skip the regex for the many blocks without one
    const leads = b.text.includes(':') ? [...b.text.matchAll(LEAD_IN)] : [];
    if (leads[0] && leads[0].index === 0) {
      // "Requirements: ..." opening a block behaves like a heading.
      const m = leads.shift()!;
      close(lastEnd);
      open = { kind: classifyHeading(m[1] ?? ''), heading: m[0].replace(/:$/, ''), start: b.start };
    }
    if (leads.length) {
      const outer: Open | null = open;
      close(b.start + (leads[0]!.index ?? 0));
      leads.forEach((m, i) => {
        const next = leads[i + 1];
        const end = next ? b.start + (next.index ?? 0) : b.end;
        out.push({ kind: classifyHeading(m[1] ?? ''), heading: m[0].replace(/:$/, ''), start: b.start + (m.index ?? 0), end });
      });
      pending = outer;
    } else if (b.type === 'item' && (open as Open | null)?.kind !== 'preferred' && PREFERRED_ITEM.test(b.text)) {
      const outer: Open | null = open;
      close(lastEnd);
      out.push({ kind: 'preferred', heading: null, start: b.start, end: b.end });
      pending = outer;
    }
    lastEnd = b.end;
  }
  close(lastEnd);
  return out;
}
