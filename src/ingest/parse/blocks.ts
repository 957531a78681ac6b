// A description is built from blocks (headings, paragraphs, list items) so that the text keeps
// paragraphs and one list item per line, and section offsets are exact by construction.
import { Parser } from 'htmlparser2';
import { type AnyNode, type Element, isElement, collapse } from './dom.ts';
import { isNoise } from './noise.ts';

export type BlockType = 'heading' | 'para' | 'item';

export interface Block {
  type: BlockType;
  text: string;
  /** joined to the previous block by a single newline (list items, <br> lines) */
  tight: boolean;
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
  private stack: BlockType[] = [];

  private ctx(): BlockType {
    return this.stack[this.stack.length - 1] ?? 'para';
  }

  open(name: string): void {
    if (this.skip > 0 || SKIP.has(name)) {
      this.skip++;
      return;
    }
    if (name === 'br') return this.lineBreak();
    if (BOLD.has(name)) this.bold++;
    if (name === 'td' || name === 'th') this.buf += ' ';
    const type = blockType(name);
    if (type) {
      this.flush(this.ctx());
      this.stack.push(type);
    }
  }

  close(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (name === 'br') return;
    if (BOLD.has(name) && this.bold > 0) this.bold--;
    if (blockType(name)) this.flush(this.stack.pop() ?? 'para');
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
    const allBold = boldLen >= raw.trim().length * 0.85;
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

function blockType(name: string): BlockType | null {
  if (HEADING.has(name)) return 'heading';
  if (ITEM.has(name)) return 'item';
  return BLOCK.has(name) ? 'para' : null;
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

/** Blocks straight from an HTML string via htmlparser2 callbacks: no DOM is built. */
export function htmlStringToBlocks(html: string): Block[] {
  const b = new Builder();
  const parser = new Parser({
    onopentag: (name) => b.open(name),
    onclosetag: (name) => b.close(name),
    ontext: (t) => b.text(t),
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.end(html);
  return b.end();
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
      blocks.push({ type, text: t, tight: !first && type !== 'heading' });
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
    if (prev) text += (blk.type === 'item' && prev.type === 'item') || blk.tight ? '\n' : '\n\n';
    const start = text.length;
    text += blk.text;
    placed.push({ type: blk.type, text: blk.text, tight: blk.tight, start, end: text.length });
    prev = blk;
  }
  return { text, placed };
}
