// schema.org JobPosting in microdata (itemscope/itemprop) and RDFa (typeof/property), read into
// the same object shape as JSON-LD so one normaliser handles all three.
import { type AnyNode, type Element, cleanText, isElement } from './dom.ts';

type Obj = Record<string, unknown>;
export type Markup = 'microdata' | 'rdfa';

interface Attrs { scope: (el: Element) => boolean; type: (el: Element) => string | null; prop: string }
const MODES: Record<Markup, Attrs> = {
  microdata: {
    scope: (el) => el.attribs.itemscope !== undefined,
    type: (el) => el.attribs.itemtype ?? null,
    prop: 'itemprop',
  },
  rdfa: {
    scope: (el) => el.attribs.typeof !== undefined,
    type: (el) => el.attribs.typeof ?? null,
    prop: 'property',
  },
};

export interface MarkupItem {
  jobPosting: Obj;
  /** the element marked as description, to keep its paragraphs and lists */
  descriptionNode: Element | null;
}

/** True when the element starts a JobPosting item in the given markup. */
export function isJobPostingScope(el: Element, mode: Markup): boolean {
  const a = MODES[mode];
  if (!a.scope(el)) return false;
  const t = a.type(el);
  return t !== null && /(?:^|[\s/#:])JobPosting(?:\s|$)/.test(t);
}

function shortType(t: string | null): string | null {
  if (!t) return null;
  const first = t.trim().split(/\s+/)[0] ?? '';
  return first.replace(/^.*[/#:]/, '') || null;
}

function valueOf(el: Element): string {
  const a = el.attribs;
  if (a.content !== undefined) return a.content;
  switch (el.name) {
    case 'meta': return a.content ?? '';
    case 'a': case 'link': case 'area': return a.href ?? cleanText(el);
    case 'img': case 'audio': case 'video': case 'source': case 'embed': case 'iframe': return a.src ?? '';
    case 'time': return a.datetime ?? cleanText(el);
    case 'data': case 'meter': return a.value ?? cleanText(el);
    default: return cleanText(el);
  }
}

/** Elements below an item's root that are read; deeper markup is not a posting's. */
const MAX_DEPTH = 200;

/**
 * Reads the item rooted at el into a JSON-LD-like object. `depth` is the root's depth below the
 * outermost item: nested items continue its count, so nesting (of items or plain elements) is
 * bounded as a whole and a page of thousands of nested items cannot overflow the stack.
 */
export function readItem(root: Element, mode: Markup, depth = 0): MarkupItem {
  const a = MODES[mode];
  const out: Obj = { '@type': shortType(a.type(root)) };
  let descriptionNode: Element | null = null;
  const add = (name: string, value: unknown): void => {
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  };
  const walk = (node: AnyNode, depth: number): void => {
    if (!isElement(node) || depth > MAX_DEPTH) return;
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const props = child.attribs[a.prop];
      const nested = a.scope(child);
      if (props) {
        for (const p of props.trim().split(/\s+/)) {
          const name = p.replace(/^.*[/#:]/, '');
          if (nested) add(name, readItem(child, mode, depth + 1).jobPosting);
          else {
            add(name, valueOf(child));
            if (name === 'description' && !descriptionNode) descriptionNode = child;
          }
        }
      }
      if (!nested) walk(child, depth + 1);
    }
  };
  walk(root, depth);
  return { jobPosting: out, descriptionNode };
}
