// A description is built from blocks (headings, paragraphs, list items) so that the text keeps
// paragraphs and one list item per line, and section offsets are exact by construction.
import { type AnyNode, type Element, collapse, decodeEntities, isElement } from './dom.ts';
import { isNoise } from './noise.ts';

export type BlockType = 'heading' | 'para' | 'item';

export interface Block {
  type: BlockType;
  text: string;
  /** joined to the previous block by a single newline (list items, <br> lines) */
  tight: boolean;
  /** starts a new paragraph even after a list item (pasted text: a blank line was there) */
  gap?: boolean;
}

export interface PlacedBlock extends Block {
  start: number;
  end: number;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select',
  'input', 'textarea', 'head', 'title', 'meta', 'link', 'object', 'canvas', 'video', 'audio', 'img', 'picture']);
const ITEM = new Set(['li', 'dt', 'dd', 'tr', 'option']);
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead',
  'tfoot', 'blockquote', 'pre', 'header', 'footer', 'nav', 'aside', 'form', 'fieldset', 'figure',
  'figcaption', 'hr', 'address', 'center', 'body', 'html', 'details', 'summary']);
const BOLD = new Set(['strong', 'b']);
const MAX_DEPTH = 1000;
/** tag -> the sibling tag it implicitly closes (beyond itself) */
const IMPLIED_END = new Map([['li', 'li'], ['p', 'p'], ['dt', 'dd'], ['dd', 'dt'], ['tr', 'tr'], ['option', 'option']]);
// Buttons written as links: never part of the posting text.
const CALL_TO_ACTION = /^(?:apply(?: now| here| online)?|apply for (?:this|the) (?:job|position|role)(?: online)?|submit (?:your )?application|back to (?:all )?(?:jobs|openings|search results)|share (?:this )?(?:job|posting)|save (?:this )?job|view all jobs)$/i;
const INLINE_BULLET = /^(?:[-*•·▪◦–]|\d{1,2}[.)])\s+(?=\S)/;

/** Collects blocks from open/text/close events, from a DOM walk or a streaming parse alike. */
class Builder {
  blocks: Block[] = [];
  private buf = '';
  private boldLen = 0;
  private bold = 0;
  private skip = 0;
  private nextTight = false;
  private stack: Array<{ name: string; type: BlockType }> = [];

  private ctx(): BlockType {
    return this.stack[this.stack.length - 1]?.type ?? 'para';
  }

  open(name: string): void {
    if (this.skip > 0 || SKIP.has(name)) {
      this.skip++;
      return;
    }
    if (name === 'br') return this.lineBreak();
    if (BOLD.has(name)) this.bold++;
    if (name === 'td' || name === 'th') this.buf += ' ';
    const found = blockType(name);
    if (!found) return;
    // "<li><p>Python</p></li>": a paragraph inside a list item is still the item
    const type: BlockType = found === 'para' && this.ctx() === 'item' ? 'item' : found;
    // "<li>a<li>b": an open li, p, dt/dd, tr or option is implicitly closed by the next one
    const top = this.stack[this.stack.length - 1];
    if (top && IMPLIED_END.has(name) && (top.name === name || IMPLIED_END.get(name) === top.name)) {
      this.stack.pop();
      this.flush(top.type);
    }
    this.flush(this.ctx());
    this.stack.push({ name, type });
  }

  close(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (name === 'br') return;
    if (BOLD.has(name) && this.bold > 0) this.bold--;
    if (!blockType(name)) return;
    // close up to the matching open tag; a stray close tag is ignored
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i]!.name !== name) i--;
    if (i < 0) return;
    this.flush(this.stack[this.stack.length - 1]!.type);
    this.stack.length = i;
  }

  text(s: string): void {
    if (this.skip > 0) return;
    this.buf += s;
    if (this.bold > 0) this.boldLen += s.length;
  }

  flush(type: BlockType): void {
    if (!this.buf) return;
    const raw = this.buf;
    const boldLen = this.boldLen;
    this.buf = '';
    this.boldLen = 0;
    let text = collapse(raw);
    if (!text || (text.length < 40 && CALL_TO_ACTION.test(text))) return;
    // A short paragraph that is all bold ("<p><strong>Requirements:</strong></p>") acts as a heading.
    const allBold = boldLen >= text.length * 0.85;
    let kind: BlockType = type === 'para' && allBold && text.length <= 80 ? 'heading' : type;
    // "<div>- Diagnose faults</div>": a hand-written bullet makes a list item
    if (kind === 'para' && INLINE_BULLET.test(text)) {
      text = text.replace(INLINE_BULLET, '');
      kind = 'item';
    }
    this.blocks.push({ type: kind, text, tight: this.nextTight && kind !== 'heading' });
    this.nextTight = false;
  }

  private lineBreak(): void {
    const had = this.buf.trim().length > 0;
    this.flush(this.ctx());
    if (had) this.nextTight = true;
  }

  end(): Block[] {
    this.flush('para');
    return this.blocks;
  }
}

// one lookup per open and close tag instead of three set lookups
const BLOCK_TYPE = new Map<string, BlockType>([
  ...[...BLOCK].map((n): [string, BlockType] => [n, 'para']),
  ...[...ITEM].map((n): [string, BlockType] => [n, 'item']),
  ...[...HEADING].map((n): [string, BlockType] => [n, 'heading']),
]);

function blockType(name: string): BlockType | null {
  return BLOCK_TYPE.get(name) ?? null;
}

/** Turns an HTML subtree into blocks, dropping scripts, forms and page chrome. */
export function htmlToBlocks(root: AnyNode, opts: { dropNoise?: boolean } = {}): Block[] {
  const b = new Builder();
  const dropNoise = opts.dropNoise ?? true;
  // Iterative walk: deeply nested pages must not overflow the stack.
  const stack: Array<AnyNode | string> = [root];
  let depth = 0;
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      b.close(node);
      depth--;
      continue;
    }
    if (node.type === 'text') {
      b.text((node as unknown as { data: string }).data);
      continue;
    }
    const isRoot = node.type === 'root';
    if (!isRoot && !isElement(node)) continue;
    if (!isRoot) {
      const el = node as Element;
      if (SKIP.has(el.name) || (dropNoise && isNoise(el)) || depth > MAX_DEPTH) continue;
      b.open(el.name);
      stack.push(el.name);
      depth++;
    }
    const children = (node as unknown as { children: AnyNode[] }).children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return b.end();
}

// Description snippets (JSON-LD, feeds) are small, simple HTML. Splitting them at tags with one
// native regex is 3x cheaper than a full tokenizer and they need no tree: the blocks come
// straight from open/close/text events. Raw-text elements are skipped to their end tag.
// Attributes are bounded and cannot run over a '<', so text full of unclosed tags stays linear.
const TAG_SPLIT = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,60})((?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}'){0,200})>|<!--|<![^<>]{0,2000}>|<\?[^<>]{0,2000}>/g;
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'area', 'col', 'source', 'embed', 'param', 'track']);
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'template', 'noscript']);

/** Blocks straight from an HTML string (no DOM): the fast path for descriptions in structured data. */
export function htmlStringToBlocks(html: string): Block[] {
  const b = new Builder();
  const re = new RegExp(TAG_SPLIT.source, 'g');
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) b.text(decodeText(html.slice(last, m.index)));
    last = re.lastIndex;
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', last);
      last = end < 0 ? html.length : end + 3;
      re.lastIndex = last;
      continue;
    }
    const name = m[2]?.toLowerCase();
    if (!name) continue; // doctype, processing instruction
    if (m[1]) {
      b.close(name);
      continue;
    }
    b.open(name);
    if (RAW.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'ig');
      end.lastIndex = last;
      const e = end.exec(html);
      last = e ? end.lastIndex : html.length;
      re.lastIndex = last;
      b.close(name);
    } else if (VOID.has(name) || (m[3]?.endsWith('/') && !blockType(name))) b.close(name);
  }
  if (last < html.length) b.text(decodeText(html.slice(last)));
  return b.end();
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', hellip: '…', bull: '•', middot: '·', euro: '€', pound: '£', yen: '¥',
  cent: '¢', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', laquo: '«', raquo: '»', shy: '\u00ad',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwj: '\u200d', zwnj: '\u200c', rarr: '→', larr: '←', check: '✓',
};
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

/** Decodes character references; rare named ones fall back to the HTML parser's full table. */
function decodeText(s: string): string {
  if (!s.includes('&')) return s;
  let unknown = false;
  const out = s.replace(ENTITY_RE, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const v = NAMED[name];
      if (v !== undefined) return v;
      unknown = true;
      return whole;
    }
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
  // decode the original in one pass: decoding `out` again would turn &amp;lt; into <
  return unknown ? decodeEntities(s) : out;
}

const BULLET = /^\s*(?:[-*•·‣◦▪▫●○■□–—+]|\d{1,2}[.)]|[a-z][.)])\s+/;

/** Splits pasted plain text into blocks: blank lines end paragraphs, bullets and lines become items. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const paras = text.replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0]*\n/);
  for (const para of paras) {
    let first = true;
    for (const line of para.split('\n')) {
      const bullet = BULLET.test(line);
      const t = collapse(bullet ? line.replace(BULLET, '') : line);
      if (!t) continue;
      const type: BlockType = bullet ? 'item' : looksLikeHeading(t) ? 'heading' : first ? 'para' : 'item';
      blocks.push({ type, text: t, tight: !first && type !== 'heading', gap: first });
      first = false;
    }
  }
  return blocks;
}

/** A short line ending in a colon, or a short title-like line without a full stop. */
function looksLikeHeading(t: string): boolean {
  if (t.length > 60) return false;
  if (/:$/.test(t)) return true;
  return /^[A-Z][^.!?;,]*$/.test(t) && t.split(' ').length <= 6 && /^(?:[A-Z][\w'’-]*|[a-z]{1,4}|&)(?: |$)/.test(t)
    && HEADINGISH.test(t);
}

const HEADINGISH = /\b(?:about|requirements?|qualifications?|responsibilities|benefits|perks|nice|bonus|preferred|offer|you|your|role|skills|experience|duties|company|team|us|profile|have|do|bring|need|looking|plus|tasks|mission|package|apply)\b/i;

/** Joins blocks into the description text and records where each block lies in it. */
export function placeBlocks(blocks: Block[]): { text: string; placed: PlacedBlock[] } {
  let text = '';
  const placed: PlacedBlock[] = [];
  let prev: Block | null = null;
  for (const blk of blocks) {
    if (prev) text += !blk.gap && ((blk.type === 'item' && prev.type === 'item') || blk.tight) ? '\n' : '\n\n';
    const start = text.length;
    text += blk.text;
    placed.push({ type: blk.type, text: blk.text, tight: blk.tight, start, end: text.length });
    prev = blk;
  }
  return { text, placed };
}
