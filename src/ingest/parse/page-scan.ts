// One walk over the parsed page collects everything the extractors need: JSON-LD scripts, meta
// tags, <title>, h1s, microdata/RDFa roots, main/article candidates, hiring-system elements and
// dt/th labels. Later steps only read subtrees (text-density scoring runs only when needed).
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
  body: Element | null;
  root: Document;
}

const MAX_DEPTH = 400;

/** Walks the document once and returns what the extractors need. */
export function scanPage(doc: Document): PageScan {
  const s: PageScan = {
    title: null, meta: new Map(), ldScripts: [], stateScripts: [], h1: [], h2: null, microdata: null, rdfa: null,
    main: [], ats: new Map(), atsSystems: new Set(), labels: [], body: null, root: doc,
  };
  const visit = (node: AnyNode, depth: number, chrome: boolean): void => {
    if (!isElement(node) || depth > MAX_DEPTH) return;
    const el = node as Element;
    if (el.type === 'script') return scanScript(el, s);
    if (el.type === 'style') return;
    const name = el.name;
    const a = el.attribs;
    if (name === 'meta') return scanMeta(a, s);
    if (name === 'title') {
      s.title ??= textOfChildren(el);
      return;
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
    for (const c of el.children) visit(c, depth + 1, noisy);
  };
  for (const c of doc.children) visit(c, 0, false);
  return s;
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
