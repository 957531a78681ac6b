// One walk over the parsed page collects everything the extractors need: JSON-LD scripts, meta
// tags, <title>, h1s, microdata/RDFa roots, main/article candidates, hiring-system elements and
// per-element text scores for main-content detection. Later steps only read subtrees.
import { type AnyNode, type Document, type Element, cleanText, isElement } from './dom.ts';
import { type AtsField, matchAts } from './hiring-systems.ts';
import { isJobPostingScope } from './microdata.ts';
import { isNoise } from './noise.ts';

export interface PageScan {
  title: string | null;
  meta: Map<string, string>;
  ldScripts: string[];
  /** inline scripts carrying hiring-system app state (Ashby's window.__appData) */
  stateScripts: string[];
  h1: Element[];
  /** the first h2 outside page chrome (pages without an h1 often title the job with it) */
  h2: Element | null;
  microdata: Element | null;
  rdfa: Element | null;
  main: Element[];
  ats: Map<AtsField, Element[]>;
  atsSystems: Set<string>;
  /** dt/th label -> value text pairs ("Location" -> "Berlin") */
  labels: Array<[string, Element]>;
  /** content score per element (paragraph text credited to ancestors) */
  scores: Map<Element, number>;
  body: Element | null;
  root: Document;
}

const MAX_DEPTH = 400;
const TEXTY = new Set(['p', 'li', 'pre', 'blockquote', 'td', 'h2', 'h3', 'h4', 'dd']);
const BLOCKISH = new Set(['div', 'p', 'ul', 'ol', 'li', 'table', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dl', 'form', 'blockquote', 'pre']);

/** Walks the document once and returns what the extractors need. */
export function scanPage(doc: Document): PageScan {
  const s: PageScan = {
    title: null, meta: new Map(), ldScripts: [], stateScripts: [], h1: [], h2: null, microdata: null, rdfa: null,
    main: [], ats: new Map(), atsSystems: new Set(), labels: [], scores: new Map(), body: null, root: doc,
  };
  const stack: Element[] = [];
  const visit = (node: AnyNode, depth: number, chrome: boolean): number => {
    if (node.type === 'text') return (node as unknown as { data: string }).data.length;
    if (!isElement(node) || depth > MAX_DEPTH) return 0;
    const el = node as Element;
    if (el.type === 'script') return scanScript(el, s), 0;
    if (el.type === 'style') return 0;
    const name = el.name;
    const a = el.attribs;
    if (name === 'meta') return scanMeta(a, s), 0;
    if (name === 'title') {
      s.title ??= textOfChildren(el);
      return 0;
    }
    if (name === 'body') s.body ??= el;
    if (name === 'h1' && !chrome) s.h1.push(el);
    if (name === 'h2' && !chrome) s.h2 ??= el;
    if (name === 'main' || name === 'article' || a.role === 'main') s.main.push(el);
    if (!s.microdata && a.itemscope !== undefined && isJobPostingScope(el, 'microdata')) s.microdata = el;
    if (!s.rdfa && a.typeof !== undefined && isJobPostingScope(el, 'rdfa')) s.rdfa = el;
    const noisy = chrome || (name !== 'header' && isNoise(el));
    if (!noisy) {
      const rules = matchAts(name, a);
      if (rules) for (const r of rules) {
        s.atsSystems.add(r.system);
        const list = s.ats.get(r.field) ?? [];
        if (!list.includes(el)) list.push(el);
        s.ats.set(r.field, list);
      }
      if ((name === 'dt' || name === 'th') && s.labels.length < 200) s.labels.push([textOfChildren(el), el]);
    }
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
    if (!noisy && texty && len >= 25 && linkLen < len * 0.5) credit(stack, s.scores, len);
    return len;
  };
  for (const c of doc.children) visit(c, 0, false);
  return s;
}

/** Readability-style credit: a paragraph's parent gets full score, grandparent half, then a third. */
function credit(stack: Element[], scores: Map<Element, number>, len: number): void {
  const score = 1 + Math.min(len / 100, 3);
  for (let i = 1; i <= 3; i++) {
    const anc = stack[stack.length - i];
    if (!anc) break;
    scores.set(anc, (scores.get(anc) ?? 0) + score / i);
  }
}

function textOfChildren(el: Element): string {
  return cleanText(el, 2000);
}

function scanScript(el: Element, s: PageScan): void {
  const type = (el.attribs.type ?? '').toLowerCase();
  const text = textOfScript(el);
  if (type.includes('ld+json')) {
    if (s.ldScripts.length < 50) s.ldScripts.push(text);
  } else if (text.length < 2_000_000 && (text.includes('__appData') || text.includes('"jobPosting"'))) {
    s.stateScripts.push(text);
  }
}

function textOfScript(el: Element): string {
  let out = '';
  for (const c of el.children) if (c.type === 'text') out += (c as unknown as { data: string }).data;
  return out;
}

function scanMeta(a: Record<string, string>, s: PageScan): void {
  const key = (a.property ?? a.name ?? a.itemprop ?? '').toLowerCase();
  const content = a.content;
  if (key && content !== undefined && !s.meta.has(key)) s.meta.set(key, content);
}
