// What the rules need to know about section bodies: whether there is any content besides comments,
// which HTML comments, UNRESOLVED markers and template placeholders they hold. Bodies are split
// into chunks at blank lines that start a new unindented block outside fences and comments; each
// chunk is parsed with remark and its facts are cached by the chunk's text. An edit therefore
// re-parses one chunk, however large its section is.
//
// remark's cost grows with container nesting and with inline constructs: a chunk nested deeper
// than MAX_LINE_NESTING is not parsed (it is reported as skipped, see rules/inputLimit.ts), and
// each chunk is parsed with only the inline constructs its facts need, within a bound on their
// density (chunkParsers.ts).
import type { Html, Link, ListItem, Nodes, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { chunkParse, parseChunk } from './chunkParsers';
import { commentsIn } from './htmlComments';
import { lineNesting, MAX_CHUNK_CHARS, MAX_LINE_NESTING } from '../text/limits';

export interface Span {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface CommentFact extends Span {
  text: string;
}

export interface MarkerFact extends Span {
  kind: 'open' | 'close';
  text: string;
}

export type PlaceholderKind = 'empty-label' | 'unticked-option-label' | 'unit-test-line' | 'example-test-link' | 'example-filter';

export interface PlaceholderFact extends Span {
  kind: PlaceholderKind;
  /** The label of an empty labelled bullet, or the placeholder text found. */
  text: string;
}

/**
 * A chunk that was not parsed because parsing it would take too long ('nesting', 'size'), or was
 * parsed without the inline constructs some of its facts need ('links', 'inline': see chunkParsers.ts).
 */
export interface SkippedFact extends Span {
  reason: 'nesting' | 'size' | 'links' | 'inline';
  /**
   * For 'nesting': the line nested too deeply and how deep; for 'size': the chunk's length; for
   * 'links' and 'inline': the chunk's first line and how many brackets (and backticks, `<`) it holds.
   */
  at: number;
  amount: number;
  /** The length of line `at`, where a finding about the skipped chunk ends. */
  atLength: number;
}

export interface BodyFacts {
  hasContent: boolean;
  comments: CommentFact[];
  markers: MarkerFact[];
  placeholders: PlaceholderFact[];
  /** Chunks whose facts are unknown (assumed to have content, with no comments or markers). */
  skipped: SkippedFact[];
}

/** Labelled bullets of the template that authors must complete (kep-facts §1.2). */
export const TEMPLATE_LABELS = [
  'Feature gate name:',
  'Components depending on the feature gate:',
  'Describe the mechanism:',
  'Event Reason:',
  'Condition name:',
  'Metric name:',
  'Components exposing the metric:',
  'Details:',
] as const;

const LABELS = new Set<string>(TEMPLATE_LABELS);
const UNIT_TEST_LINE = /`<package>`\s*:\s*`<date>`\s*-\s*`<test coverage>`/;
const MARKER = /<<\[\s*(\/?)\s*UNRESOLVED\b[^\]\n]*\]>>/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

const cache = new Map<string, BodyFacts>();
const CACHE_LIMIT = 50_000;

/** Facts of lines [from, to) of `lines`, with positions in document coordinates. */
export function bodyFacts(lines: readonly string[], from: number, to: number): BodyFacts {
  const out: BodyFacts = { hasContent: false, comments: [], markers: [], placeholders: [], skipped: [] };
  for (const [start, end] of chunkBounds(lines, from, to)) {
    const skip = tooCostly(lines, start, end);
    if (skip) {
      out.hasContent = true;
      out.skipped.push(skip);
      continue;
    }
    const items = topLevelItems(lines, start, end);
    for (let k = 0; k < items.length; k++) {
      const from = items[k];
      const text = lines.slice(from, items[k + 1] ?? end).join('\n');
      const facts = chunkFacts(text);
      if (facts.hasContent) out.hasContent = true;
      for (const c of facts.comments) out.comments.push(shift(c, from));
      for (const m of facts.markers) out.markers.push(shift(m, from));
      for (const p of facts.placeholders) out.placeholders.push(shift(p, from));
      for (const x of facts.skipped) out.skipped.push({ ...shift(x, from), at: x.at + from });
    }
  }
  return out;
}

const LIST_MARKER = /^(?:([-*+])|\d{1,9}([.)]))(?:[ \t]|$)/;
/** A line that is one whole HTML comment: an HTML block of its own, ending on that line. */
const COMMENT_LINE = /^ {0,3}<!--(?!-?>).*-->\s*$/;

/**
 * Where a chunk that is a plain list splits into its top-level items (and comment lines such as a
 * TOC's tags): each parses to the same facts on its own, and remark's cost grows with what it
 * parses, so typing in one item of a long list re-parses that item only. A chunk with anything that
 * could hold a marker line other than as an item (a fence, an HTML block, another kind of marker)
 * is one piece: [start].
 */
export function topLevelItems(lines: readonly string[], start: number, end: number): number[] {
  if (end - start < 2) return [start];
  const starts: number[] = [];
  let kind: string | undefined;
  let afterComment = true;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (FENCE.test(line)) return [start];
    if (COMMENT_LINE.test(line) && line.indexOf('-->') === line.lastIndexOf('-->')) {
      starts.push(i);
      afterComment = true;
      continue;
    }
    if (/^ {0,3}</.test(line)) return [start];
    const marker = LIST_MARKER.exec(line);
    if (marker) {
      const k = marker[1] ?? marker[2];
      if (/^([-*+])[ \t]*\1[ \t]*\1/.test(line)) return [start];
      if (kind === undefined) kind = k;
      else if (k !== kind) return [start];
      starts.push(i);
    } else if (afterComment) {
      // What follows a comment line must start a piece of its own: only a list item does here.
      return [start];
    }
    afterComment = false;
  }
  return kind === undefined ? [start] : starts;
}

/**
 * The facts of a chunk that is one fenced code block and nothing else, without parsing: code holds
 * no comments, markers or placeholders, only content. Undefined for any other chunk.
 */
export function fenceOnlyFacts(text: string): BodyFacts | undefined {
  const open = FENCE.exec(text);
  if (!open || open.index !== 0) return undefined;
  const fence = open[1];
  const lines = text.split('\n');
  // The info string of a backtick fence may not hold a backtick.
  if (fence[0] === '`' && lines[0].slice(open[0].length).includes('`')) return undefined;
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]);
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length && lines[i].trim() === m[1]) {
      close = i;
      break;
    }
  }
  if (close < 0 || lines.slice(close + 1).some((l) => l.trim() !== '')) return undefined;
  return { hasContent: true, comments: [], markers: [], placeholders: [], skipped: [] };
}

/** Why lines [start, end) should not be parsed, or undefined when they can be. */
function tooCostly(lines: readonly string[], start: number, end: number): SkippedFact | undefined {
  const span = { line: start, character: 0, endLine: end - 1, endCharacter: lines[end - 1].length };
  let chars = 0;
  let fence: string | undefined;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    chars += line.length + 1;
    // Code in a fence is not nested however far it is indented (chunks never start inside one).
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    // Only a line that starts with blanks or markers can nest; most lines are ruled out at once.
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9 || c === 62 || c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) {
      const depth = lineNesting(line);
      if (depth > MAX_LINE_NESTING) return { ...span, reason: 'nesting', at: i, amount: depth, atLength: line.length };
    }
  }
  return chars > MAX_CHUNK_CHARS ? { ...span, reason: 'size', at: start, amount: chars, atLength: lines[start].length } : undefined;
}

function shift<T extends Span>(span: T, lines: number): T {
  return { ...span, line: span.line + lines, endLine: span.endLine + lines };
}

/** The same facts `lines` further down the document. */
export function shiftFacts(facts: BodyFacts, lines: number): BodyFacts {
  if (lines === 0) return facts;
  return {
    hasContent: facts.hasContent,
    comments: facts.comments.map((c) => shift(c, lines)),
    markers: facts.markers.map((m) => shift(m, lines)),
    placeholders: facts.placeholders.map((p) => shift(p, lines)),
    skipped: facts.skipped.map((s) => ({ ...shift(s, lines), at: s.at + lines })),
  };
}

/** Whether two spans are at the same place. */
function sameSpan(a: Span, b: Span): boolean {
  return a.line === b.line && a.character === b.character && a.endLine === b.endLine && a.endCharacter === b.endCharacter;
}

function sameList<T extends Span>(a: readonly T[], b: readonly T[], sameRest: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameSpan(a[i], b[i]) || !sameRest(a[i], b[i])) return false;
  return true;
}

/**
 * Whether two bodies' facts say the same. Typing in prose re-parses a chunk to the same facts: the
 * cache then keeps the old facts object, so every result derived from it (by identity) stays valid.
 */
export function sameFacts(a: BodyFacts, b: BodyFacts): boolean {
  return (
    a === b ||
    (a.hasContent === b.hasContent &&
      sameList(a.comments, b.comments, (x, y) => x.text === y.text) &&
      sameList(a.markers, b.markers, (x, y) => x.kind === y.kind && x.text === y.text) &&
      sameList(a.placeholders, b.placeholders, (x, y) => x.kind === y.kind && x.text === y.text) &&
      sameList(a.skipped, b.skipped, (x, y) => x.reason === y.reason && x.at === y.at && x.amount === y.amount && x.atLength === y.atLength))
  );
}

/**
 * Chunk boundaries: a blank line followed by a line that starts at column 0, outside a fenced
 * code block and an HTML comment. Indented lines after a blank line stay in the chunk because
 * they may continue a list item.
 */
export function chunkBounds(lines: readonly string[], from: number, to: number): [number, number][] {
  const bounds: [number, number][] = [];
  let start = from;
  let fence: string | undefined;
  let inComment = false;
  let previousBlank = false;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const blank = line.trim() === '';
    if (!fence && !inComment && previousBlank && !blank && i > start && line[0] !== ' ' && line[0] !== '\t') {
      bounds.push([start, i]);
      start = i;
    }
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const m = FENCE.exec(line);
      if (m) fence = m[1];
      else {
        const open = line.lastIndexOf('<!--');
        if (open >= 0 && line.indexOf('-->', open + 4) < 0) inComment = true;
      }
    }
    previousBlank = blank;
  }
  if (start < to) bounds.push([start, to]);
  return bounds;
}

export function chunkFacts(text: string): BodyFacts {
  let facts = cache.get(text);
  if (!facts) {
    facts = computeFacts(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, facts);
  }
  return facts;
}

class LineMap {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  span(start: number, end: number): Span {
    const a = this.at(start);
    const b = this.at(end);
    return { line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
  }
}

function offsets(node: Nodes): [number, number] | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : [s, e];
}

/**
 * The facts of a chunk that is one HTML comment and nothing else, without parsing: CommonMark makes
 * such a chunk a single HTML block (it ends on the line of the first `-->`), which holds no content,
 * markers or placeholders. Template guidance is mostly such comments, often kilobytes long, and
 * typing in one would otherwise re-parse it on every keystroke. Undefined for any other chunk.
 */
export function commentOnlyFacts(text: string): BodyFacts | undefined {
  let i = 0;
  while (i < 3 && text.charCodeAt(i) === 32) i++;
  if (!text.startsWith('<!--', i)) return undefined;
  // '<!-->' and '<!--->' are whole comments of their own in CommonMark: leave them to the parser.
  if (text.charCodeAt(i + 4) === 62 || text.startsWith('->', i + 4)) return undefined;
  const end = text.indexOf('-->', i + 4);
  if (end < 0 || text.slice(end + 3).trim() !== '') return undefined;
  const comments = commentsIn(text);
  if (comments.length !== 1 || comments[0].offset !== i) return undefined;
  const map = new LineMap(text);
  const c = comments[0];
  return {
    hasContent: false,
    comments: [{ ...map.span(i, i + c.text.length), text: c.text }],
    markers: [],
    placeholders: [],
    skipped: [],
  };
}

function computeFacts(text: string): BodyFacts {
  return commentOnlyFacts(text) ?? fenceOnlyFacts(text) ?? parsedFacts(text);
}

/** The facts of a chunk from its remark tree. */
export function parsedFacts(text: string): BodyFacts {
  const facts: BodyFacts = { hasContent: false, comments: [], markers: [], placeholders: [], skipped: [] };
  if (text.trim() === '') return facts;
  const { parse, cut } = chunkParse(text);
  if (cut) {
    const first = text.indexOf('\n');
    const lastLine = text.split('\n').length - 1;
    facts.skipped.push({
      line: 0,
      character: 0,
      endLine: lastLine,
      endCharacter: text.length - text.lastIndexOf('\n') - 1,
      reason: cut.reason,
      at: 0,
      amount: cut.count,
      atLength: first < 0 ? text.length : first,
    });
  }
  let root: Root;
  try {
    root = parseChunk(text, parse);
  } catch {
    // remark does not throw on Markdown, but a body is never worth a crash.
    return { ...facts, hasContent: true };
  }
  const map = new LineMap(text);

  for (const child of root.children) {
    if (child.type === 'html' && child.value.replace(/<!--[\s\S]*?(-->|$)/g, '').trim() === '') continue;
    facts.hasContent = true;
    break;
  }

  // The checkbox option ("- [ ] Events", "- [x] Metrics") a labelled bullet sits under, if any.
  let option: OptionContext | undefined;
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'html':
        collectComments(node, text, map, facts);
        return;
      case 'code':
      case 'inlineCode':
        return;
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        // Without code spans, a marker in code would pass for one: none is reported (the skip says so).
        if (cut?.reason !== 'inline') collectMarkers(node, text, map, facts);
        if (node.type === 'paragraph') collectParagraphPlaceholders(node, text, map, facts);
        break;
      case 'listItem': {
        collectEmptyLabel(node, text, map, facts, option);
        const own = optionOf(node, text);
        if (own) {
          const outer = option;
          option = own;
          for (const child of node.children) visit(child as Nodes);
          option = outer;
          return;
        }
        break;
      }
      case 'link':
        collectExampleLink(node, map, facts);
        break;
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  try {
    visit(root);
  } catch {
    // Only a stack overflow on a tree nested past MAX_LINE_NESTING's reach gets here: keep what was
    // collected and count the chunk as content rather than fail the analysis.
    facts.hasContent = true;
  }
  return facts;
}

function collectComments(node: Html, text: string, map: LineMap, facts: BodyFacts): void {
  const at = offsets(node);
  if (!at) return;
  const source = text.slice(at[0], at[1]);
  for (const c of commentsIn(source)) {
    const start = at[0] + c.offset;
    facts.comments.push({ ...map.span(start, start + c.text.length), text: c.text });
  }
}

/** Text of a block with inline code and inline HTML blanked out, so markers there are ignored. */
function proseSource(node: Nodes, text: string): { start: number; source: string } | undefined {
  const at = offsets(node);
  if (!at) return undefined;
  let source = text.slice(at[0], at[1]);
  const blank = (n: Nodes): void => {
    if (n.type === 'inlineCode' || n.type === 'html') {
      const o = offsets(n);
      if (o) source = source.slice(0, o[0] - at[0]) + ' '.repeat(o[1] - o[0]) + source.slice(o[1] - at[0]);
      return;
    }
    if ('children' in n) for (const c of n.children) blank(c as Nodes);
  };
  if ('children' in node) for (const c of node.children) blank(c as Nodes);
  return { start: at[0], source };
}

function collectMarkers(node: Nodes, text: string, map: LineMap, facts: BodyFacts): void {
  const prose = proseSource(node, text);
  if (!prose || !prose.source.includes('UNRESOLVED')) return;
  for (const m of prose.source.matchAll(MARKER)) {
    const start = prose.start + m.index;
    facts.markers.push({ ...map.span(start, start + m[0].length), kind: m[1] ? 'close' : 'open', text: m[0] });
  }
}

function collectParagraphPlaceholders(node: Paragraph, text: string, map: LineMap, facts: BodyFacts): void {
  const at = offsets(node);
  if (!at) return;
  const m = UNIT_TEST_LINE.exec(text.slice(at[0], at[1]));
  if (m) {
    const start = at[0] + m.index;
    facts.placeholders.push({ ...map.span(start, start + m[0].length), kind: 'unit-test-line', text: m[0] });
  }
}

/** A checkbox option of a template question, and the labels of its bullets that have a value. */
interface OptionContext {
  ticked: boolean;
  filled: Set<string>;
}

/**
 * Template bullets that are alternatives to one another within an option: "API .status" asks for a
 * condition name or another field, so one of them filled answers it. Other bullets of an option
 * (a gate's name and its components) are all needed.
 */
const ALTERNATIVE_LABELS: Readonly<Record<string, readonly string[]>> = { 'Condition name:': ['Other field:'] };

const CHECKBOX = /^\[([ xX])\]\s/;
/** A bullet "Label: value": the label (with its colon) when a value follows. */
const LABELLED_VALUE = /^([^:\n]{1,60}:)\s*\S/;

/** The item's first paragraph's text, trimmed, or undefined when it does not start with one. */
function leadText(node: ListItem, text: string): string | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const at = offsets(first);
  return at ? text.slice(at[0], at[1]).trim() : undefined;
}

/** The option a checkbox item opens for the labelled bullets under it, or undefined for other items. */
function optionOf(node: ListItem, text: string): OptionContext | undefined {
  const box = CHECKBOX.exec(leadText(node, text) ?? '');
  if (!box) return undefined;
  const filled = new Set<string>();
  for (const child of node.children) {
    if (child.type !== 'list') continue;
    for (const item of child.children) {
      const value = LABELLED_VALUE.exec(leadText(item, text) ?? '');
      if (value) filled.add(value[1]!);
    }
  }
  return { ticked: box[1] !== ' ', filled };
}

function collectEmptyLabel(node: ListItem, text: string, map: LineMap, facts: BodyFacts, option: OptionContext | undefined): void {
  if (node.children.length !== 1 || node.children[0].type !== 'paragraph') return;
  const paragraph = node.children[0];
  const at = offsets(paragraph);
  if (!at) return;
  const label = text.slice(at[0], at[1]).trim();
  if (!LABELS.has(label)) return;
  // One whose alternative gives the answer ("Other field: …" beside an empty "Condition name:") is
  // spare. Under an unticked option the bullet may be unused: the rule decides from the question.
  if (option && ALTERNATIVE_LABELS[label]?.some((other) => option.filled.has(other))) return;
  if (option && !option.ticked) {
    facts.placeholders.push({ ...map.span(at[0], at[1]), kind: 'unticked-option-label', text: label });
    return;
  }
  facts.placeholders.push({ ...map.span(at[0], at[1]), kind: 'empty-label', text: label });
}

function collectExampleLink(node: Link, map: LineMap, facts: BodyFacts): void {
  const at = offsets(node);
  if (!at) return;
  if (toString(node).trim() === 'test name') {
    facts.placeholders.push({ ...map.span(at[0], at[1]), kind: 'example-test-link', text: 'test name' });
  } else if (node.url.includes('MyCoolFeature')) {
    facts.placeholders.push({ ...map.span(at[0], at[1]), kind: 'example-filter', text: 'MyCoolFeature' });
  }
}
