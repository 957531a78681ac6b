// Picks the element holding the posting: a hiring system's description container, else <main>
// / role=main / the best <article>, else the element with the most paragraph text.
import { type AnyNode, type Document, type Element, isElement } from './dom.ts';
import { isNoise } from './noise.ts';
import type { PageScan } from './page-scan.ts';

/** The element(s) whose text is the description; several for systems that split it. */
export function mainContent(scan: PageScan): Element[] {
  return findMainContent(scan).elements;
}

/** As mainContent, and whether a hiring system's container or the page structure gave it. */
export function findMainContent(scan: PageScan): { elements: Element[]; origin: 'hiring-system' | 'html' } {
  const ats = scan.ats.get('description');
  if (ats?.length) return { elements: outermost(ats), origin: 'hiring-system' };
  const inner = scan.ats.get('descriptionParent')?.[0];
  if (inner?.parent && inner.parent.type === 'tag') return { elements: [inner.parent as Element], origin: 'hiring-system' };
  return { elements: structuralContent(scan), origin: 'html' };
}

function structuralContent(scan: PageScan): Element[] {
  // Scored only here: pages whose JSON-LD gives the description never pay for it.
  const scores = contentScores(scan.root);
  const best = bestScored(scores);
  const main = scan.main.find((m) => m.name === 'main' || m.attribs.role === 'main')
    ?? [...scan.main].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0];
  if (main && (!best || contains(main, best) || (scores.get(main) ?? 0) * 3 >= (scores.get(best) ?? 0))) return [main];
  if (best) return [best];
  // text with no <body> at all (plain text posted as a page) is read from the root
  return [scan.body ?? (scan.root as unknown as Element)];
}

const TEXTY = new Set(['p', 'li', 'pre', 'blockquote', 'td', 'h2', 'h3', 'h4', 'dd']);
const BLOCKISH = new Set(['div', 'p', 'ul', 'ol', 'li', 'table', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dl', 'form', 'blockquote', 'pre']);
const MAX_DEPTH = 400;

/**
 * Readability-style text density: every paragraph-like element with 25+ characters, not mostly
 * links and outside page chrome, credits its parent fully, its grandparent half, then a third.
 */
export function contentScores(root: Document): Map<Element, number> {
  const scores = new Map<Element, number>();
  const stack: Element[] = [];
  const visit = (node: AnyNode, depth: number, chrome: boolean): number => {
    if (node.type === 'text') return (node as unknown as { data: string }).data.length;
    if (!isElement(node) || depth > MAX_DEPTH || node.type !== 'tag') return 0;
    const el = node as Element;
    const name = el.name;
    if (name === 'title' || name === 'head') return 0;
    const noisy = chrome || (name !== 'header' && isNoise(el));
    stack.push(el);
    let len = 0;
    let linkLen = 0;
    let blockChild = false;
    for (const c of el.children) {
      const l = visit(c, depth + 1, noisy);
      len += l;
      if (isElement(c)) {
        if (c.name === 'a') linkLen += l;
        else if (BLOCKISH.has(c.name)) blockChild = true;
      }
    }
    stack.pop();
    // leaf <div>s count as paragraphs: old table-less pages write all their text in them
    const texty = TEXTY.has(name) || (name === 'div' && !blockChild);
    if (!noisy && texty && len >= 25 && linkLen < len * 0.5) {
      const score = 1 + Math.min(len / 100, 3);
      for (let i = 1; i <= 3 && stack.length - i >= 0; i++) {
        const anc = stack[stack.length - i]!;
        scores.set(anc, (scores.get(anc) ?? 0) + score / i);
      }
    }
    return len;
  };
  for (const c of root.children) visit(c, 0, false);
  return scores;
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
