// Pages are parsed with Cheerio on htmlparser2 (cheerio/slim: ~2.5x faster than its default
// parse5 load, see PERFORMANCE-NOTES.md). The rest of the parser walks the domhandler nodes
// directly: one hand-written walk is cheaper than many selector queries over the whole tree.
import type { AnyNode, Document, Element } from 'domhandler';
import { load } from 'cheerio/slim';

export type { AnyNode, Document, Element };

// One Cheerio instance parses every page and fragment. `load()` defines a new Cheerio subclass per
// call, and V8 then keeps each page's tree alive until a full collection: measured on 45 KB pages,
// parsePosting cost 1.2-1.4 ms with load() per page and 0.42-0.55 ms with `$(markup)` on this one
// instance (the same htmlparser2 parse, the same tree; mostly garbage collection saved).
const $ = load('');

/**
 * Parses HTML into a domhandler document (never throws on malformed markup) with Cheerio on
 * htmlparser2. Cheerio reads a string as markup only when it holds a tag, so an empty comment goes
 * first: text without tags is parsed as text, never taken for a selector.
 */
export function parseHtml(html: string): Document {
  return $(`<!---->${html}`)[0]!.parent as Document;
}

// Inline scripts, styles and SVG icons are often half a career page. The tokenizer walks their
// text one character at a time; a native search empties them first. JSON-LD and app-state scripts
// (the ones the parser reads) are kept whole. Linear: each opening tag is matched with bounded
// attributes and its end found with indexOf; an unclosed one ends the stripping.
const HEAVY_OPEN = /<!--|<(script|style|svg)\b((?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}'){0,200})>/gi;
const KEEP_SCRIPT = /ld\+json|__appData|"jobPosting"/;

/** Parses a whole page, emptying scripts, styles, SVGs and comments the parser never reads. */
export function parsePage(html: string): Document {
  return parseHtml(stripHeavy(html));
}

// End tags found case-insensitively in place: a lower-cased copy of the page cost a page-sized
// allocation per parse. Without the `u` flag, /i folds ASCII letters only, as indexOf on the
// lower-cased page did (no other character lower-cases to a letter of these tags).
const CLOSE: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi, svg: /<\/svg/gi };

function closeAt(html: string, tag: string | undefined, from: number): number {
  if (!tag) return html.indexOf('-->', from);
  const re = CLOSE[tag]!;
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}

/** The page with script/style/SVG bodies and comments removed (kept: JSON-LD, app state). */
export function stripHeavy(html: string): string {
  // Positions come from the page itself (case-insensitive search), never from a lower-cased copy:
  // 'İ' (U+0130) lower-cases to two code units, which shifted every later position on such pages.
  const re = new RegExp(HEAVY_OPEN.source, 'gi');
  let out = '';
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = m[1]?.toLowerCase();
    const bodyStart = re.lastIndex;
    const end = closeAt(html, tag, bodyStart);
    if (end < 0) break;
    const after = tag ? html.indexOf('>', end) + 1 || html.length : end + 3;
    const body = html.slice(bodyStart, end);
    const keep = tag && (body.length < 200 || (tag === 'script' && (KEEP_SCRIPT.test(m[2] ?? '') || KEEP_SCRIPT.test(body))));
    if (!keep) out += html.slice(last, m.index) + (tag ? `<${tag}${m[2] ?? ''}></${tag}>` : '');
    else out += html.slice(last, after);
    last = after;
    re.lastIndex = after;
  }
  return last === 0 ? html : out + html.slice(last);
}

/** True for element nodes (tags, scripts, styles). */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

const ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/** Decodes HTML entities ("&amp;" -> "&") using the HTML parser itself. */
export function decodeEntities(s: string): string {
  return ENTITY.test(s) ? rawText(parseHtml(s)) : s;
}

/** An attribute value, or null when absent. */
export function attr(el: Element, name: string): string | null {
  const v = el.attribs[name];
  return v === undefined ? null : v;
}

/**
 * Raw concatenated text of a subtree (no whitespace handling). Iterative, so deeply nested pages
 * cannot overflow the stack; stops once `limit` characters are collected.
 */
export function rawText(node: AnyNode, limit = Infinity): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length && out.length <= limit) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Text of a subtree with whitespace collapsed and trimmed (at most about `limit` characters). */
export function cleanText(node: AnyNode, limit = Infinity): string {
  return collapse(rawText(node, limit));
}

/** Collapses runs of whitespace (including nbsp) to one space and trims. */
export function collapse(s: string): string {
  // Most text needs nothing, and a native test finds out faster than a char loop or the
  // replace: the replace changes only whitespace other than a space and double spaces, and trim
  // (the same whitespace as \s) then only a space at either end.
  const needed = s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32 || NEEDS_COLLAPSE.test(s);
  return needed ? s.replace(/\s{2,}|[^\S ]/g, ' ').trim() : s;
}

// anchors in the pattern (^ | $) made it about twice as slow as testing both ends by hand
const NEEDS_COLLAPSE = /[^\S ]| {2}/;
