// remote / hybrid / onsite from the words a page uses. Structured jobLocationType wins when
// present; this reads location labels, titles and the description.
import type { Workplace } from '../../types.ts';

const HYBRID = /\bhybrid\b|\b\d\s*days? (?:a|per) week (?:in|at) (?:the )?office\b|\bteilweise remote\b/i;
const NOT_REMOTE = /\b(?:not|no|non)[\s-](?:a\s)?remote\b|\bremote (?:work )?(?:is )?not (?:possible|available|an option)\b/i;
const REMOTE = /\b(?:fully|100\s?%|completely|full[\s-]time) remote\b|\bremote[\s-](?:first|friendly|only|position|role|job|opportunity|work(?:ing)?|within|from|in|across|anywhere|based|\(|-|–)|\bremote\s*$|^\s*remote\b|\bwork(?:ing)? (?:from|at) home\b|\bwfh\b|\btelecommut(?!ing options?\b)|\bdistributed team\b|\banywhere in the world\b|\bhome[\s-]?office\b/i;
const ONSITE = /\bon[\s-]?site\b|\bin[\s-]office\b|\bin[\s-]person\b|\boffice[\s-]based\b|\bvor ort\b/i;
// "may require you to be on site at times", "occasional on-site visits": a hedged or occasional
// visit says nothing of where the job is done, so it must not read as onsite.
const OCCASIONAL_ONSITE = /\b(?:may|might|occasional(?:ly)?|periodic(?:ally)?|sometimes)\b[^.;,]{0,30}?\bon[\s-]?site\b|\bon[\s-]?site\b[^.;,]{0,12}?\b(?:at times|occasionally|from time to time|as needed|periodically)\b/gi;

// A labelled field ("Telecommuting Options: Onsite", Workday's) says it outright; its label alone
// must not read as remote.
const LABELLED = /\b(?:telecommuting|telework(?:ing)?|remote work) (?:options?|eligib(?:le|ility))\s*:\s*(fully remote|remote|hybrid|on[\s-]?site|in[\s-]office|no|none)\b/i;
const LABELLED_VALUE: Record<string, Workplace> = { remote: 'remote', 'fully remote': 'remote', hybrid: 'hybrid', no: 'onsite', none: 'onsite' };

// one native pass decides whether the (costlier) regexes below need to run at all
const CUES = /remote|hybrid|on.?site|in.?office|in.?person|from home|at home|wfh|telecommut|telework|home.?office|distributed team|anywhere in the world|vor ort|office.?based|days (?:a|per) week/i;

/** Reads a workplace from short labels first, then longer text; null when nothing says. */
export function detectWorkplace(...texts: Array<string | null | undefined>): Workplace | null {
  return detectWorkplaceAt(texts)?.workplace ?? null;
}

/** As detectWorkplace, and which of the texts (its index) said it, so callers can tell where it came from. */
export function detectWorkplaceAt(texts: Array<string | null | undefined>): { workplace: Workplace; at: number } | null {
  for (let at = 0; at < texts.length; at++) {
    const t = texts[at];
    if (!t) continue;
    const s = t.length > 20_000 ? t.slice(0, 20_000) : t;
    if (!CUES.test(s)) continue;
    const label = LABELLED.exec(s)?.[1]?.toLowerCase();
    if (label) return { workplace: LABELLED_VALUE[label] ?? 'onsite', at };
    if (HYBRID.test(s)) return { workplace: 'hybrid', at };
    if (REMOTE.test(s) && !NOT_REMOTE.test(s)) return { workplace: 'remote', at };
    if (ONSITE.test(s.replace(OCCASIONAL_ONSITE, ' '))) return { workplace: 'onsite', at };
  }
  return null;
}
