// Description text + sections from an HTML subtree, an HTML string (JSON-LD descriptions are
// often entity-escaped once or twice) or plain text.
import type { Section } from '../../types.ts';
import { type Block, htmlStringToBlocks, htmlToBlocks, placeBlocks, textToBlocks } from './blocks.ts';
import { type AnyNode, decodeEntities } from './dom.ts';
import { findSections } from './sections.ts';

export interface Described {
  description: string;
  sections: Section[];
}

// bounded and stopping at '<': a text full of unclosed tags must not make this quadratic
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]{0,2000})?>/i;
const ESCAPED_TAG = /&lt;\/?[a-z][a-z0-9]*(?:\s|&gt;|\/)|&amp;lt;/i;

export { decodeEntities };

/** Blocks from a description string that may be HTML, escaped HTML or plain text. */
export function blocksFromString(input: string): Block[] {
  let s = input;
  for (let i = 0; i < 3 && !TAG.test(s) && ESCAPED_TAG.test(s); i++) s = decodeEntities(s);
  if (TAG.test(s)) return htmlStringToBlocks(s);
  return textToBlocks(decodeEntities(s));
}

/** Joins blocks into a description and finds its sections. */
export function describe(blocks: Block[]): Described {
  const { text, placed } = placeBlocks(blocks);
  const sections = findSections(placed);
  // a span cut at a lead-in ("Required: Docker, Git. A plus: ...") ends before the space
  for (const s of sections) while (s.end > s.start && /\s/.test(text[s.end - 1]!)) s.end--;
  return { description: text, sections: sections.filter((s) => s.end > s.start) };
}

/** Description and sections from a DOM subtree (page chrome dropped). */
export function describeNode(node: AnyNode): Described {
  return describe(htmlToBlocks(node));
}
