// Picks the element holding the posting: a hiring system's description container, else <main>
// / role=main / the best <article>, else the element with the most paragraph text.
import type { Element } from './dom.ts';
import type { PageScan } from './page-scan.ts';

/** The element(s) whose text is the description; several for systems that split it. */
export function mainContent(scan: PageScan): Element[] {
  const ats = scan.ats.get('description');
  if (ats?.length) return outermost(ats);
  const inner = scan.ats.get('descriptionParent')?.[0];
  if (inner?.parent && inner.parent.type === 'tag') return [inner.parent as Element];
  const best = bestScored(scan.scores);
  const main = scan.main.find((m) => m.name === 'main' || m.attribs.role === 'main')
    ?? [...scan.main].sort((a, b) => (scan.scores.get(b) ?? 0) - (scan.scores.get(a) ?? 0))[0];
  if (main && (!best || contains(main, best) || (scan.scores.get(main) ?? 0) * 3 >= (scan.scores.get(best) ?? 0))) return [main];
  if (best) return [best];
  // text with no <body> at all (plain text posted as a page) is read from the root
  return [scan.body ?? (scan.root as unknown as Element)];
}

function bestScored(scores: Map<Element, number>): Element | null {
  let best: Element | null = null;
  let top = 0;
  for (const [el, s] of scores) {
    if (s > top) {
      top = s;
      best = el;
    }
  }
  return best;
}

/** True when a contains b. */
export function contains(a: Element, b: Element): boolean {
  for (let n: Element | null = b; n; n = n.parent as Element | null) if (n === a) return true;
  return false;
}

function outermost(els: Element[]): Element[] {
  return els.filter((e) => !els.some((o) => o !== e && contains(o, e)));
}
