// A description is built from blocks (headings, paragraphs, list items) so that the text keeps
// paragraphs and one list item per line, and section offsets are exact by construction.
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
const MAX_DEPTH = 400;

class Builder {
  blocks: Block[] = [];
  private buf = '';
  private bold = 0;
  private nextTight = false;

  text(s: string, inBold: boolean): void {
    this.buf += s;
    if (inBold) this.bold += collapse(s).length;
  }

  flush(type: BlockType): void {
    const text = collapse(this.buf);
    const boldShare = text.length ? this.bold / text.length : 0;
    this.buf = '';
    this.bold = 0;
    if (!text) return;
    // A short paragraph that is all bold ("<p><strong>Requirements:</strong></p>") acts as a heading.
    const kind: BlockType = type === 'para' && boldShare > 0.85 && text.length <= 80 ? 'heading' : type;
    this.blocks.push({ type: kind, text, tight: this.nextTight && kind !== 'heading' });
    this.nextTight = false;
  }

  lineBreak(type: BlockType): void {
    const had = collapse(this.buf).length > 0;
    this.flush(type);
    if (had) this.nextTight = true;
  }
}

/** Turns an HTML subtree into blocks, dropping scripts, forms and page chrome. */
export function htmlToBlocks(root: AnyNode, opts: { dropNoise?: boolean } = {}): Block[] {
  const b = new Builder();
  const dropNoise = opts.dropNoise ?? true;
  const walk = (node: AnyNode, ctx: BlockType, inBold: boolean, depth: number): void => {
    if (node.type === 'text') {
      b.text((node as unknown as { data: string }).data, inBold);
      return;
    }
    if (node.type === 'root') {
      for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, ctx, inBold, depth + 1);
      return;
    }
    if (!isElement(node) || depth > MAX_DEPTH) return;
    const el = node as Element;
    const name = el.name;
    if (SKIP.has(name) || (dropNoise && isNoise(el))) return;
    if (name === 'br') return b.lineBreak(ctx);
    const bold = inBold || BOLD.has(name);
    if (HEADING.has(name) || ITEM.has(name) || BLOCK.has(name)) {
      const type: BlockType = HEADING.has(name) ? 'heading' : ITEM.has(name) ? 'item' : 'para';
      b.flush(ctx);
      for (const c of el.children) walk(c, type, bold, depth + 1);
      b.flush(type);
      return;
    }
    if (name === 'td' || name === 'th') b.text(' ', false);
    for (const c of el.children) walk(c, ctx, bold, depth + 1);
  };
  walk(root, 'para', false, 0);
  b.flush('para');
  return b.blocks;
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
    placed.push({ ...blk, start, end: text.length });
    prev = blk;
  }
  return { text, placed };
}
