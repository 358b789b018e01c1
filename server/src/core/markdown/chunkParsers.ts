// The remark processors body facts parse with, each configured once, and which one a chunk needs.
// CommonMark settles blocks before inlines, so a parser without inline constructs gives the same
// blocks (lists, paragraphs, HTML blocks, code) in time linear in the text; only inline constructs
// can cost more. Link text and destinations are what cost most: micromark's label end looks back
// over the paragraph's events, so a paragraph of `[a][` or `[a](<` costs time quadratic in its
// length (100 KB of `[a][` took 7.8 s). So each chunk is parsed with no more than its facts need:
// - a chunk with no `<!--`, `UNRESOLVED`, example test link or filter: blocks only;
// - with `<!--` or `UNRESOLVED`: code spans and inline HTML too (a marker or comment in code is not
//   one), still no links;
// - with an example link's text or filter: everything but emphasis, and only while the chunk holds
//   few enough link brackets (MAX_LINK_BRACKETS); above that it is parsed as the line before and
//   reported as not fully checked.
import { remark } from 'remark';
import type { Root } from 'mdast';
import { MAX_INLINE_OPENERS, MAX_LINK_BRACKETS } from '../text/limits';

export type ChunkParse = 'blocks' | 'code' | 'links';

/** Why a chunk was parsed with fewer inline constructs than its facts need. */
export interface InlineCut {
  /** 'links': too many brackets to look for example links; 'inline': too many brackets, backticks and
   * angle brackets to tell comments and markers in code from the others. */
  reason: 'links' | 'inline';
  count: number;
}

// Emphasis (`*`, `_`) is never parsed: no fact depends on it, and thousands of delimiters cost seconds.
const ALWAYS_OFF = ['attention'];
const LINKS = ['labelStartLink', 'labelStartImage', 'labelEnd'];
const CODE_AND_HTML = ['codeText', 'htmlText', 'autolink', 'characterReference', 'characterEscape', 'hardBreakEscape'];

const processors: Record<ChunkParse, ReturnType<typeof remark>> = {
  blocks: processorWithout([...ALWAYS_OFF, ...LINKS, ...CODE_AND_HTML]),
  code: processorWithout([...ALWAYS_OFF, ...LINKS]),
  links: processorWithout(ALWAYS_OFF),
};

function processorWithout(constructs: string[]): ReturnType<typeof remark> {
  return remark()
    .data('micromarkExtensions', [{ disable: { null: constructs } }])
    .freeze();
}

export function parseChunk(text: string, parse: ChunkParse): Root {
  return processors[parse].parse(text);
}

/** Text that can only matter through inline parsing: comments and markers, example links. */
const CODE_TRIGGER = /<!--|UNRESOLVED/;
const LINK_TRIGGER = /test name|MyCoolFeature/;

/** The parse a chunk's facts need and, when its inline constructs are too dense for it, the cut. */
export function chunkParse(text: string): { parse: ChunkParse; cut?: InlineCut } {
  const links = LINK_TRIGGER.test(text);
  if (!links && !CODE_TRIGGER.test(text)) return { parse: 'blocks' };
  if (links) {
    const brackets = count(text, /[[\]]/g);
    if (brackets <= MAX_LINK_BRACKETS) return { parse: 'links' };
    if (!CODE_TRIGGER.test(text)) return { parse: 'blocks', cut: { reason: 'links', count: brackets } };
  }
  const openers = count(text, /[[\]`<]/g);
  if (openers > MAX_INLINE_OPENERS) return { parse: 'blocks', cut: { reason: 'inline', count: openers } };
  return links ? { parse: 'code', cut: { reason: 'links', count: count(text, /[[\]]/g) } } : { parse: 'code' };
}

function count(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}
