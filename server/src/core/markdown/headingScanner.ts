/**
 * A heading scanner over an array of lines that finds exactly the headings the KEP repository's TOC
 * tool (`sigs.k8s.io/mdtoc` v1.4.0) finds, and can resume at line checkpoints.
 *
 * mdtoc parses with gomarkdown (CommonExtensions + mmark's parser hook), whose block rules differ from
 * CommonMark in ways that decide which headings exist (kep-facts.md §1.5.2): ATX headings only in
 * column 0, HTML comments hide headings only as blocks, unclosed fences are paragraphs, a `---` at a
 * block start is an mmark title block, list items are re-parsed as blocks only in some cases, and so
 * on. Rather than approximating those rules line by line, this file re-implements gomarkdown's block
 * parser (github.com/gomarkdown/markdown as of the 2024-03 pseudo-version mdtoc v1.4.0 pins, plus
 * mmark v2.0.40's title hook) over a text buffer, so every quirk falls out of the same control flow. The re-implementation is ours; comments name the gomarkdown function each piece
 * mirrors so the two can be compared.
 *
 * What makes it incremental is the checkpoint machinery at the bottom (see `scanHeadings`).
 */

export interface ScannedHeading {
  /** 1..6 */
  level: number;
  /** 0-based line holding the heading text (setext: the text line, not the underline) */
  line: number;
  /** last line of the construct (setext: the underline line; ATX: === line) */
  endLine: number;
  /** 0-based UTF-16 column where the heading text starts on `line` */
  column: number;
  /** the heading's raw inline Markdown exactly as gomarkdown hands it to its inline parser */
  text: string;
  setext: boolean;
}

/** Opaque; compare with ===. */
export type ScanState = string;

/**
 * State strings. First character: '0' = before the first `<!-- /toc -->`, '1' = after it.
 * A bare '0'/'1' is a top-level block start. A longer state means "inside a top-level construct
 * whose end was found by looking ahead" ('F' + fence marker, 'C' = HTML comment block,
 * 'H' + tag = HTML block); see isConditionalState.
 */
export const INITIAL_SCAN_STATE: ScanState = '0';

/**
 * Emitted (as the state of a final checkpoint) by a scan resumed from a conditional checkpoint when
 * the construct it was inside no longer ends the same way in the current text. The caller must rescan
 * from an earlier checkpoint whose state is not conditional. A full scan never emits it.
 */
export const RESUME_FAILED: ScanState = '!';

/**
 * True for checkpoints taken inside a fenced code block, block HTML comment or HTML block. Their
 * guarantee (a) below is conditional: the events before them assume the construct still closes, which
 * depends on later lines. Resuming from one is still exact as long as it does; if it does not, the
 * resumed scan says so with RESUME_FAILED.
 */
export function isConditionalState(state: ScanState): boolean {
  return state.length > 1;
}

export type ScanEvent = { kind: 'checkpoint'; line: number; state: ScanState } | { kind: 'heading'; heading: ScannedHeading };

export interface ReferenceDefinition {
  link: string;
  title: string;
}

const CLOSE_TAG_TAIL = ' /toc -->';

/** Column of the first case-insensitive `<!-- /toc -->` in `line`, or -1 (mdtoc's findTOCTags). */
export function findCloseTocTag(line: string): number {
  let at = line.indexOf('<!--');
  while (at >= 0) {
    if (line.length - at >= 13 && line.substr(at + 4, 9).toLowerCase() === CLOSE_TAG_TAIL) return at;
    at = line.indexOf('<!--', at + 1);
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Character codes

const TAB = 9;
const NL = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SP = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PCT = 37;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const LT = 60;
const EQ = 61;
const GT = 62;
const LBRACK = 91;
const BACKSLASH = 92;
const RBRACK = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;

function isSpaceCode(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === CR || c === FF || c === VT;
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** gomarkdown's blockTags: the only tags that open an HTML block. */
const BLOCK_TAGS = new Set([
  'blockquote',
  'del',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'li',
  'fieldset',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'iframe',
  'ins',
  'math',
  'noscript',
  'ol',
  'pre',
  'p',
  'script',
  'style',
  'table',
  'ul',
  'address',
  'article',
  'aside',
  'canvas',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'main',
  'nav',
  'output',
  'progress',
  'section',
  'video',
]);

const MAX_NESTING = 16;

// ---------------------------------------------------------------------------------------------
// Buffers

interface Memo {
  from: number;
  res: number;
  hi: number;
  aux: number;
}

/**
 * The text one block-parser invocation works on. gomarkdown slices byte arrays; we keep one string
 * per buffer and pass offsets. Every read goes through at()/has()/indexOf()/slice() so that `hi`
 * records how far the parser has looked: that is what lets the driver prove a checkpoint is safe.
 * Reads past the end return -1 (Go would panic or stop; either way nothing matches).
 */
class Buf {
  s: string;
  done: boolean;
  /** one past the highest offset examined; +Infinity once the end of the text was observed */
  hi = 0;
  private memos: Map<string, Memo> | undefined;
  /** container buffers map back to the buffer they were cut from (segments of raw → parent offsets) */
  readonly parent: Buf | null;
  private readonly segRaw: number[];
  private readonly segSrc: number[];

  constructor(s: string, done: boolean, parent: Buf | null, segRaw: number[], segSrc: number[]) {
    this.s = s;
    this.done = done;
    this.parent = parent;
    this.segRaw = segRaw;
    this.segSrc = segSrc;
  }

  /** Appends more text; only the top-level buffer can grow. */
  protected grow(_min: number): void {
    this.done = true;
  }

  at(i: number): number {
    if (i < 0) return -1;
    if (i < this.s.length) {
      if (i >= this.hi) this.hi = i + 1;
      return this.s.charCodeAt(i);
    }
    while (!this.done) {
      this.grow(i);
      if (i < this.s.length) return this.at(i);
    }
    this.hi = Infinity;
    return -1;
  }

  has(i: number): boolean {
    return this.at(i) >= 0;
  }

  slice(a: number, b: number): string {
    if (b <= a) return '';
    this.at(b - 1);
    return this.s.slice(a, Math.min(b, this.s.length));
  }

  /** Offset of the next '\n' at or after i, or -1 at the end of the text. */
  nextNL(i: number): number {
    let r = this.s.indexOf('\n', i);
    while (r < 0 && !this.done) {
      const old = this.s.length;
      this.grow(old);
      r = this.s.indexOf('\n', Math.max(i, old));
    }
    if (r < 0) {
      this.hi = Infinity;
      return -1;
    }
    if (r >= this.hi) this.hi = r + 1;
    return r;
  }

  /**
   * indexOf for patterns without '\n'. Results are memoised per pattern so that many openers waiting
   * for the same missing closer (e.g. a hundred `<div>` lines and no `</div>`) do not each rescan to
   * the end of a 100,000-line document.
   */
  indexOf(pat: string, from: number): number {
    const memos = this.memos ?? (this.memos = new Map());
    const m = memos.get(pat);
    let r: number;
    if (m !== undefined && from >= m.from && (m.res < 0 || from <= m.res)) {
      r = m.res;
    } else {
      r = this.s.indexOf(pat, from);
      while (r < 0 && !this.done) {
        const old = this.s.length;
        this.grow(old);
        r = this.s.indexOf(pat, Math.max(from, old));
      }
      memos.set(pat, { from, res: r, hi: 0, aux: 0 });
    }
    if (r < 0) this.hi = Infinity;
    else if (r + pat.length > this.hi) this.hi = r + pat.length;
    return r;
  }

  memo(key: string): Memo | undefined {
    return this.memos?.get(key);
  }

  setMemo(key: string, m: Memo): void {
    (this.memos ?? (this.memos = new Map())).set(key, m);
  }

  /** Offset in the top-level buffer, or -1 for characters a container inserted itself. */
  toTop(off: number): number {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let buf: Buf = this;
    while (buf.parent !== null) {
      const segs = buf.segRaw;
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid]! <= off) lo = mid;
        else hi = mid - 1;
      }
      const src = buf.segSrc[lo]!;
      if (src < 0) return -1;
      off = src + (off - segs[lo]!);
      buf = buf.parent;
    }
    return off;
  }

  sub(a: number, b: number): Buf {
    return new Buf(this.s.slice(a, b), true, this, [0], [a]);
  }
}

/** Collects the text of a container (list item, block quote) the way gomarkdown's raw buffers do. */
class RawBuilder {
  private parts: string[] = [];
  private segRaw: number[] = [];
  private segSrc: number[] = [];
  length = 0;

  append(b: Buf, a: number, e: number): void {
    if (e <= a) return;
    const s = b.slice(a, e);
    this.parts.push(s);
    this.segRaw.push(this.length);
    this.segSrc.push(a);
    this.length += s.length;
  }

  /** Start of the last line gathered so far (gomarkdown's backUntilChar from the last byte). */
  lastLineStart(): number {
    const s = this.parts.join('');
    let i = s.length - 1;
    while (i > 0 && s.charCodeAt(i - 1) !== NL) i--;
    return Math.max(i, 0);
  }

  newline(): void {
    this.parts.push('\n');
    this.segRaw.push(this.length);
    this.segSrc.push(-1);
    this.length += 1;
  }

  build(parent: Buf): Buf {
    if (this.segRaw.length === 0) {
      this.segRaw.push(0);
      this.segSrc.push(-1);
    }
    return new Buf(this.parts.join(''), true, parent, this.segRaw, this.segSrc);
  }
}

/**
 * The document from a given line on, materialised lazily in growing chunks so that a rescan of a few
 * lines does not join the whole document. Lines are joined with '\n' exactly as the file would read
 * (no '\n' after the last line). Before the TOC tag the text stops at the tag, because mdtoc parses
 * only what follows it.
 */
class TopBuf extends Buf {
  readonly starts: number[] = [];
  private nextLine: number;
  cutLine = -1;
  cutCol = 0;

  constructor(
    private readonly lines: readonly string[],
    readonly firstLine: number,
    readonly firstCol: number,
    private readonly stopAtTag: boolean,
  ) {
    super('', firstLine >= lines.length, null, [], []);
    this.nextLine = firstLine;
  }

  protected override grow(min: number): void {
    const lines = this.lines;
    const parts: string[] = [];
    let len = this.s.length;
    let count = 0;
    const target = Math.max(32, this.starts.length);
    while (this.nextLine < lines.length && (count < target || len <= min)) {
      const k = this.nextLine++;
      let text = lines[k]!;
      if (k === this.firstLine && this.firstCol > 0) text = text.slice(this.firstCol);
      if (this.stopAtTag) {
        const c = findCloseTocTag(text);
        if (c >= 0) {
          text = text.slice(0, c);
          this.cutLine = k;
          this.cutCol = c + (k === this.firstLine ? this.firstCol : 0);
          this.starts.push(len);
          parts.push(text);
          len += text.length;
          this.nextLine = lines.length;
          break;
        }
      }
      this.starts.push(len);
      parts.push(text);
      len += text.length;
      if (k + 1 < lines.length) {
        parts.push('\n');
        len++;
      }
      count++;
    }
    if (this.nextLine >= lines.length) this.done = true;
    this.s += parts.join('');
  }

  /** Index into `starts` of the line holding offset `off` (materialised part only). */
  lineIndex(off: number): number {
    const st = this.starts;
    let lo = 0;
    let hi = st.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (st[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineOf(off: number): number {
    return this.firstLine + this.lineIndex(off);
  }

  columnOf(off: number): number {
    const k = this.lineIndex(off);
    return off - this.starts[k]! + (k === 0 ? this.firstCol : 0);
  }

  isLineStart(off: number): boolean {
    if (off === 0) return this.firstCol === 0;
    return off <= this.s.length && this.s.charCodeAt(off - 1) === NL;
  }
}

// ---------------------------------------------------------------------------------------------
// Small scanners (gomarkdown helpers). All offsets are absolute in the buffer.

function skipChar(b: Buf, i: number, c: number): number {
  while (b.at(i) === c) i++;
  return i;
}

function skipCharN(b: Buf, i: number, c: number, max: number): number {
  while (max > 0 && b.at(i) === c) {
    i++;
    max--;
  }
  return i;
}

function skipUntilNL(b: Buf, i: number): number {
  const r = b.nextNL(i);
  return r < 0 ? Math.max(i, b.s.length) : r;
}

/** isEmpty: length of the blank line at p including its '\n', or 0. */
function isEmpty(b: Buf, p: number): number {
  let i = p;
  for (;;) {
    const c = b.at(i);
    if (c < 0 || c === NL) break;
    if (c !== SP && c !== TAB) return 0;
    i++;
  }
  if (b.at(i) === NL) i++;
  return i - p;
}

function isPrefixHeading(b: Buf, p: number): boolean {
  if (b.at(p) !== HASH) return false;
  const level = skipCharN(b, p, HASH, 6) - p;
  return b.at(p + level) === SP;
}

/** mmark's `.# Abstract` special heading; enabled in every gomarkdown build (`extensions|Mmark`). */
function isPrefixSpecialHeading(b: Buf, p: number): boolean {
  if (b.at(p) !== DOT || b.at(p + 1) !== HASH) return false;
  const c2 = b.at(p + 2);
  if (c2 === HASH || c2 !== SP) return false;
  return b.has(p + 3);
}

function isHRule(b: Buf, p: number): boolean {
  let i = p;
  while (i < p + 3 && b.at(i) === SP) i++;
  const c = b.at(i);
  if (c !== STAR && c !== DASH && c !== UNDERSCORE) return false;
  let n = 0;
  for (;;) {
    const d = b.at(i);
    if (d < 0 || d === NL) break;
    if (d === c) n++;
    else if (d !== SP) return false;
    i++;
  }
  return n >= 3;
}

function codePrefix(b: Buf, p: number): number {
  if (b.at(p) === TAB) return 1;
  if (b.at(p) === SP && b.at(p + 1) === SP && b.at(p + 2) === SP && b.at(p + 3) === SP) return 4;
  return 0;
}

function quotePrefix(b: Buf, p: number): number {
  let i = p;
  while (i < p + 3 && b.at(i) === SP) i++;
  if (b.at(i) === GT) return b.at(i + 1) === SP ? i + 2 - p : i + 1 - p;
  return 0;
}

function uliPrefix(b: Buf, p: number): number {
  const i = skipCharN(b, p, SP, 3);
  const c = b.at(i);
  if (c !== STAR && c !== PLUS && c !== DASH) return 0;
  const d = b.at(i + 1);
  if (d !== SP && d !== TAB) return 0;
  return i + 2 - p;
}

function oliPrefix(b: Buf, p: number): number {
  let i = skipCharN(b, p, SP, 3);
  const start = i;
  for (;;) {
    const c = b.at(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (start === i) return 0;
  // '1)' as well as '1.': gomarkdown takes either delimiter
  const delim = b.at(i);
  if (delim !== DOT && delim !== RPAREN) return 0;
  const d = b.at(i + 1);
  if (d !== SP && d !== TAB) return 0;
  return i + 2 - p;
}

/** listTypeChanged: whether an item at p belongs to another kind of list than `flags` says. */
function listTypeChanged(b: Buf, p: number, flags: number): boolean {
  if (dliPrefix(b, p) > 0 && (flags & LIST_DEFINITION) === 0) return true;
  if (oliPrefix(b, p) > 0 && (flags & LIST_ORDERED) === 0) return true;
  return uliPrefix(b, p) > 0 && (flags & (LIST_ORDERED | LIST_DEFINITION)) !== 0;
}

function dliPrefix(b: Buf, p: number): number {
  if (b.at(p) !== COLON) return 0;
  const d = b.at(p + 1);
  return d === SP || d === TAB ? 2 : 0;
}

function isBackslashEscaped(b: Buf, i: number, base: number): boolean {
  let n = 0;
  while (i - n - 1 >= base && b.at(i - n - 1) === BACKSLASH) n++;
  return (n & 1) === 1;
}

function isUnderlinedHeading(b: Buf, p: number): number {
  const c = b.at(p);
  if (c !== EQ && c !== DASH) return 0;
  let i = skipChar(b, p + 1, c);
  i = skipChar(b, i, SP);
  if (b.at(i) !== NL) return 0;
  return c === EQ ? 1 : 2;
}

interface FenceLine {
  end: number;
  marker: string;
}

const NO_FENCE: FenceLine = { end: 0, marker: '' };

/** sFenceLine: is there a fence line at p? `end` is relative to p (0 = no). */
function fenceLine(b: Buf, p: number, wantSyntax: boolean, oldMarker: string): FenceLine {
  let i = p;
  while (i < p + 3 && b.at(i) === SP) i++;
  const c = b.at(i);
  if (c !== TILDE && c !== BACKTICK) return NO_FENCE;
  let size = 0;
  while (b.at(i) === c) {
    size++;
    i++;
  }
  if (size < 3) return NO_FENCE;
  const marker = b.slice(i - size, i);
  if (oldMarker !== '' && marker !== oldMarker) return NO_FENCE;
  if (wantSyntax) {
    i = skipChar(b, i, SP);
    if (!b.has(i)) return { end: i - p, marker };
    if (b.at(i) === LBRACE) {
      i++;
      for (;;) {
        const d = b.at(i);
        if (d < 0 || d === RBRACE || d === NL) break;
        i++;
      }
      if (b.at(i) !== RBRACE) return NO_FENCE;
      i++;
    } else {
      for (;;) {
        const d = b.at(i);
        if (d < 0 || isSpaceCode(d)) break;
        i++;
      }
    }
  }
  i = skipChar(b, i, SP);
  const d = b.at(i);
  if (d !== NL) return d < 0 ? { end: i - p, marker } : NO_FENCE;
  return { end: i + 1 - p, marker };
}

/**
 * The closing-fence search of fencedCodeBlock, starting at line start `beg`. Returns the absolute end
 * of the closing line (after its '\n'), or -1 when gomarkdown would call the fence unclosed. `closer`
 * receives the start of the closing line. Memoised per marker (see Buf.indexOf for why).
 */
function findFenceClose(b: Buf, beg: number, marker: string, closer: { at: number }): number {
  const key = '\u0000F' + marker;
  const m = b.memo(key);
  if (m !== undefined && beg >= m.from && (m.res < 0 || beg <= m.aux)) {
    if (m.hi > b.hi) b.hi = m.hi;
    closer.at = m.aux;
    return m.res;
  }
  const hi0 = b.hi;
  b.hi = 0;
  const from = beg;
  let res = -1;
  let closeAt = -1;
  for (;;) {
    const fe = fenceLine(b, beg, false, marker);
    if (fe.end !== 0) {
      closeAt = beg;
      res = beg + fe.end;
      break;
    }
    const nl = b.nextNL(beg);
    const end = nl < 0 ? b.s.length + 1 : nl + 1;
    if (!b.has(end)) break;
    beg = end;
  }
  const hiSearch = b.hi;
  b.hi = Math.max(hi0, hiSearch);
  b.setMemo(key, { from, res, hi: hiSearch, aux: closeAt });
  closer.at = closeAt;
  return res;
}

// ---------------------------------------------------------------------------------------------
// The block parser

const LIST_ORDERED = 1;
const LIST_DEFINITION = 2;
const LIST_TERM = 4;
const ITEM_CONTAINS_BLOCK = 8;
const ITEM_BEGINNING = 16;
const ITEM_END = 32;

/** Kinds of top-level constructs that get conditional checkpoints. */
const X_NONE = 0;
const X_FENCE = 1;
const X_COMMENT = 2;
const X_HTML = 3;

interface Hit {
  level: number;
  buf: Buf;
  start: number;
  end: number;
  /** buffer offset of the underline of a setext heading, -1 for ATX */
  underline: number;
}

class BlockParser {
  nesting = 0;
  hits: Hit[] = [];
  refs: Map<string, ReferenceDefinition> | null = null;
  /** the construct the last top-level step parsed, for conditional checkpoints */
  xKind = X_NONE;
  xParam = '';
  xCloser = 0;
  private readonly closer = { at: 0 };

  block(b: Buf, start: number): void {
    if (this.nesting >= MAX_NESTING) return;
    this.nesting++;
    let p = start;
    while (b.has(p)) p = this.safeStep(b, p);
    this.nesting--;
  }

  /** One iteration of gomarkdown's block loop, guarded so that no input can stall it. */
  safeStep(b: Buf, p: number): number {
    const q = this.step(b, p);
    if (q > p) return q;
    const nl = b.nextNL(p);
    return nl < 0 ? Math.max(p + 1, b.s.length) : nl + 1;
  }

  step(b: Buf, p: number): number {
    const top = this.nesting === 1;
    const c0 = b.at(p);

    // mmark's parser hook, which mdtoc installs: a block starting with `---` or `%%%` is a title
    // block that runs to the next occurrence of the same three characters, wherever it is.
    if ((c0 === DASH || c0 === PCT) && b.at(p + 1) === c0 && b.at(p + 2) === c0) {
      const k = b.indexOf(c0 === DASH ? '---' : '%%%', p + 3);
      if (k >= 0) return k + 3;
    }
    if (c0 === LT && b.at(p + 1) === 114 && b.slice(p, p + 11) === '<reference ') {
      const k = b.indexOf('</reference>', p + 1);
      if (k >= 0) return k + 12;
    }

    if (c0 === HASH && isPrefixHeading(b, p)) return this.prefixHeading(b, p, false);
    if (c0 === DOT && isPrefixSpecialHeading(b, p)) return this.prefixHeading(b, p, true);

    if (c0 === LT) {
      const i = this.html(b, p);
      if (i > 0) return p + i;
    }

    const e = isEmpty(b, p);
    if (e > 0) return p + e;

    if (codePrefix(b, p) > 0) return p + this.code(b, p);

    const f = this.fencedCodeBlock(b, p);
    if (f > 0) {
      if (top) {
        this.xKind = X_FENCE;
        this.xCloser = this.closer.at;
      }
      return p + f;
    }

    if (isHRule(b, p)) return skipUntilNL(b, p);

    const qp = quotePrefix(b, p);
    if (qp > 0) return p + this.quote(b, p);

    const t = this.table(b, p);
    if (t > 0) return p + t;

    if (uliPrefix(b, p) > 0) return this.list(b, p, 0);
    if (oliPrefix(b, p) > 0) return this.list(b, p, LIST_ORDERED);
    if (dliPrefix(b, p) > 0) return this.list(b, p, LIST_DEFINITION);

    const m = this.blockMath(b, p);
    if (m > 0) return p + m;

    return this.paragraph(b, p);
  }

  private hit(level: number, b: Buf, start: number, end: number, underline: number): void {
    this.hits.push({ level, buf: b, start, end, underline });
  }

  /** prefixHeading / prefixSpecialHeading: returns the absolute offset where parsing continues. */
  private prefixHeading(b: Buf, p: number, special: boolean): number {
    let level: number;
    let i: number;
    if (special) {
      level = 1;
      i = skipChar(b, p + 2, SP);
    } else {
      level = skipCharN(b, p, HASH, 6) - p;
      i = skipChar(b, p + level, SP);
    }
    let end = skipUntilNL(b, i);
    let skip = end;
    // {#custom-id}: the id is dropped and parsing resumes right after the '}'
    let j = i;
    while (j < end - 1 && (b.at(j) !== LBRACE || b.at(j + 1) !== HASH)) j++;
    let k = j + 1;
    while (k < end && b.at(k) !== RBRACE) k++;
    if (j < end && k < end) {
      end = j;
      skip = k + 1;
      while (end > p && b.at(end - 1) === SP) end--;
    }
    while (end > p && b.at(end - 1) === HASH) {
      if (isBackslashEscaped(b, end - 1, p)) break;
      end--;
    }
    while (end > p && b.at(end - 1) === SP) end--;
    if (end > i) this.hit(level, b, i, end, -1);
    return skip;
  }

  /** html: length of an HTML block (block tag, block comment or <hr>) at p, or 0. */
  private html(b: Buf, p: number): number {
    if (b.at(p) !== LT) return 0;
    let tagEnd = p + 1;
    while (isAlnumCode(b.at(tagEnd))) tagEnd++;
    const tag = b.slice(p + 1, tagEnd);
    const top = this.nesting === 1;
    if (!BLOCK_TAGS.has(tag)) {
      // a comment is a block only when the rest of its closing line is blank
      if (b.at(p + 1) === BANG && b.at(p + 2) === DASH && b.at(p + 3) === DASH) {
        const k = b.indexOf('-->', p + 3);
        if (k >= 0) {
          const j = isEmpty(b, k + 3);
          if (j > 0) {
            if (top) {
              this.xKind = X_COMMENT;
              this.xCloser = k;
            }
            return k + 3 + j - p;
          }
        }
      }
      // <hr>, the only self-closing block tag
      const c1 = b.at(p + 1);
      const c2 = b.at(p + 2);
      const c3 = b.at(p + 3);
      if ((c1 === 104 || c1 === 72) && (c2 === 114 || c2 === 82) && (c3 === SP || c3 === 47 || c3 === GT)) {
        let i = p + 3;
        for (;;) {
          const c = b.at(i);
          if (c < 0 || c === GT || c === NL) break;
          i++;
        }
        if (b.at(i) === GT) {
          i++;
          const j = isEmpty(b, i);
          if (j > 0) return i + j - p;
        }
      }
      return 0;
    }
    if (tag === 'ins' || tag === 'del') return 0;
    const end = htmlBlockEnd(b, tag, p + 1, this.closer);
    if (end < 0) return 0;
    if (top) {
      this.xKind = X_HTML;
      this.xParam = tag;
      this.xCloser = this.closer.at;
    }
    return end - p;
  }

  /** fencedCodeBlock: length of a closed fenced block at p, or 0 (unclosed fences are not code). */
  fencedCodeBlock(b: Buf, p: number): number {
    const c = b.at(p);
    if (c !== SP && c !== BACKTICK && c !== TILDE) return 0;
    const open = fenceLine(b, p, true, '');
    if (open.end === 0 || !b.has(p + open.end)) return 0;
    const res = findFenceClose(b, p + open.end, open.marker, this.closer);
    if (res < 0) return 0;
    this.xParam = open.marker;
    return res - p;
  }

  /** code: indented code block. */
  private code(b: Buf, p: number): number {
    let i = p;
    while (b.has(i)) {
      const beg = i;
      const nl = b.nextNL(i);
      i = nl < 0 ? Math.max(i, b.s.length) : nl + 1;
      const blank = isEmpty(b, beg) > 0;
      if (codePrefix(b, beg) === 0 && !blank) {
        i = beg;
        break;
      }
    }
    return i - p;
  }

  /** quote: gathers the prefixed lines (and lazy continuations) and parses them as blocks. */
  private quote(b: Buf, p: number): number {
    const raw = new RawBuilder();
    let beg = p;
    let end = p;
    while (b.has(beg)) {
      end = beg;
      for (;;) {
        const c = b.at(end);
        if (c < 0 || c === NL) break;
        if (c === SP || c === BACKTICK || c === TILDE) {
          const f = this.fencedCodeBlock(b, end);
          if (f > 0) {
            end += f - 1;
            break;
          }
        }
        end++;
      }
      if (b.at(end) === NL) end++;
      const pre = quotePrefix(b, beg);
      if (pre > 0) {
        beg += pre;
      } else if (this.terminateQuote(b, beg, end)) {
        break;
      }
      raw.append(b, beg, end);
      beg = end;
    }
    this.block(raw.build(b), 0);
    return end - p;
  }

  private terminateQuote(b: Buf, beg: number, end: number): boolean {
    if (isEmpty(b, beg) <= 0) return false;
    if (!b.has(end)) return true;
    return quotePrefix(b, end) === 0 && isEmpty(b, end) === 0;
  }

  /** table: header row + delimiter row, then every following line that contains a '|'. */
  private table(b: Buf, p: number): number {
    let i = p;
    let colCount = 1;
    for (;;) {
      const c = b.at(i);
      if (c < 0 || c === NL) break;
      if (c === PIPE && !isBackslashEscaped(b, i, p)) colCount++;
      i++;
    }
    if (colCount === 1) return 0;
    if (b.at(p) === PIPE) colCount--;
    if (i - p > 2 && b.at(i - 1) === PIPE && !isBackslashEscaped(b, i - 1, p)) colCount--;
    i++;
    if (!b.has(i)) return 0;
    if (b.at(i) === PIPE && !isBackslashEscaped(b, i, p)) i++;
    i = skipChar(b, i, SP);
    let col = 0;
    for (;;) {
      const c = b.at(i);
      if (c < 0 || c === NL) break;
      let dashes = 0;
      if (b.at(i) === COLON) {
        i++;
        dashes++;
      }
      while (b.at(i) === DASH) {
        i++;
        dashes++;
      }
      if (b.at(i) === COLON) {
        i++;
        dashes++;
      }
      while (b.at(i) === SP) i++;
      if (!b.has(i)) return 0;
      const d = b.at(i);
      if (dashes < 3) return 0;
      if (d === PIPE && !isBackslashEscaped(b, i, p)) {
        col++;
        i++;
        while (b.at(i) === SP) i++;
        if (col >= colCount && b.has(i) && b.at(i) !== NL) return 0;
      } else if ((d !== PIPE || isBackslashEscaped(b, i, p)) && col + 1 < colCount) {
        return 0;
      } else if (d === NL) {
        col++;
      } else {
        return 0;
      }
    }
    if (col !== colCount) return 0;
    i = skipCharN(b, i, NL, 1);
    // body rows: any line with a pipe
    while (b.has(i)) {
      const rowStart = i;
      let pipes = 0;
      for (;;) {
        const c = b.at(i);
        if (c < 0 || c === NL) break;
        if (c === PIPE) pipes++;
        i++;
      }
      if (pipes === 0) {
        i = rowStart;
        break;
      }
      i = skipCharN(b, i, NL, 1);
    }
    return i - p;
  }

  private blockMath(b: Buf, p: number): number {
    if (b.at(p) !== DOLLAR || b.at(p + 1) !== DOLLAR || b.at(p + 2) === DOLLAR || !b.has(p + 4)) return 0;
    const k = b.indexOf('$$', p + 2);
    if (k < 0) return 0;
    return k + 2 - p;
  }

  /** list: returns the absolute end. The item flags persist across items, as in gomarkdown. */
  list(b: Buf, p: number, kind: number): number {
    const fl = { v: kind | ITEM_BEGINNING };
    let i = p;
    while (b.has(i)) {
      const skip = this.listItem(b, i, fl);
      i += skip;
      if (skip === 0 || (fl.v & ITEM_END) !== 0) break;
      fl.v &= ~ITEM_BEGINNING;
    }
    return i;
  }

  /** listItem: gathers one item's lines and decides whether its content is parsed as blocks. */
  private listItem(b: Buf, p: number, fl: { v: number }): number {
    let itemIndent = 0;
    if (b.at(p) === TAB) itemIndent += 4;
    else while (itemIndent < 3 && b.at(p + itemIndent) === SP) itemIndent++;

    let i = uliPrefix(b, p);
    if (i === 0) i = oliPrefix(b, p);
    if (i === 0) {
      i = dliPrefix(b, p);
      if (i > 0) fl.v &= ~LIST_TERM;
    }
    if (i === 0) {
      if ((fl.v & LIST_DEFINITION) !== 0) fl.v |= LIST_TERM;
      else return 0;
    }
    // relative indices from here on, like the Go code
    i = skipChar(b, p + i, SP) - p;
    let line = i;
    while (i > 0 && b.has(p + i) && b.at(p + i - 1) !== NL) i++;

    const raw = new RawBuilder();
    raw.append(b, p + line, p + i);
    line = i;

    let containsBlank = false;
    let sublist = 0;
    gather: while (b.has(p + line)) {
      i++;
      while (b.has(p + i) && b.at(p + i - 1) !== NL) i++;

      if (isEmpty(b, p + line) > 0) {
        containsBlank = true;
        line = i;
        continue;
      }

      let indent = 0;
      let indentIndex = 0;
      if (b.at(p + line) === TAB) {
        indentIndex++;
        indent += 4;
      } else {
        while (indent < 4 && line + indent < i && b.at(p + line + indent) === SP) {
          indent++;
          indentIndex++;
        }
      }
      let chunk = p + line + indentIndex;

      // A fence line in column 0 ends the list, even right after the item with no blank line and
      // even when it never closes: the fence is not the item's (mdtoc then reads it as code).
      if (indent === 0 && fenceLine(b, chunk, true, '').end !== 0) {
        fl.v |= ITEM_END;
        break gather;
      }

      if ((uliPrefix(b, chunk) > 0 && !isHRule(b, chunk)) || oliPrefix(b, chunk) > 0 || dliPrefix(b, chunk) > 0) {
        // an item indented 4 or more keeps one space before its marker (and the spaces after the
        // first 4), which moves its own indent as the nested list sees it
        if (indentIndex >= 4 && dliPrefix(b, chunk) <= 0) chunk -= skipChar(b, chunk, SP) - chunk + 1;
        if (indent <= itemIndent) {
          // an item of another kind of list ends this list; one of the same kind is its next item
          if (listTypeChanged(b, chunk, fl.v)) fl.v |= ITEM_END;
          else if (containsBlank) fl.v |= ITEM_CONTAINS_BLOCK;
          break gather;
        }
        if (containsBlank) fl.v |= ITEM_CONTAINS_BLOCK;
        if (sublist === 0) sublist = dliPrefix(b, chunk) > 0 ? raw.lastLineStart() : raw.length;
      } else if (isPrefixHeading(b, chunk) || isPrefixSpecialHeading(b, chunk)) {
        if (containsBlank && indent < 4) {
          fl.v |= ITEM_END;
          break gather;
        }
        fl.v |= ITEM_CONTAINS_BLOCK;
      } else if (containsBlank && indent < 4) {
        if ((fl.v & LIST_DEFINITION) !== 0 && b.has(p + i + 1)) {
          let next = i;
          while (b.has(p + next) && b.at(p + next) !== NL) next++;
          while (b.has(p + next + 1) && b.at(p + next) === NL) next++;
          if (b.has(p + i + 1) && b.at(p + i) !== COLON && b.has(p + next + 1) && b.at(p + next) !== COLON) {
            fl.v |= ITEM_END;
          }
        } else {
          fl.v |= ITEM_END;
        }
        break gather;
      } else if (containsBlank) {
        raw.newline();
        fl.v |= ITEM_CONTAINS_BLOCK;
      }

      if (containsBlank) {
        containsBlank = false;
        raw.newline();
      }
      raw.append(b, chunk, p + i);
      line = i;
    }

    const rb = raw.build(b);
    if ((fl.v & ITEM_CONTAINS_BLOCK) !== 0 && (fl.v & LIST_TERM) === 0) {
      if (sublist > 0) {
        this.block(rb.sub(0, sublist), 0);
        this.block(rb.sub(sublist, rb.s.length), 0);
      } else {
        this.block(rb, 0);
      }
    } else if (sublist > 0) {
      this.block(rb.sub(sublist, rb.s.length), 0);
    }
    return line;
  }

  /** paragraph: also where setext headings, reference definitions and definition lists come from. */
  private paragraph(b: Buf, p: number): number {
    let prev = p;
    let line = p;
    let i = p;
    while (b.has(i)) {
      prev = line;
      line = i;

      const ref = this.isReference(b, i);
      if (ref > 0) return i + ref;

      const n = isEmpty(b, i);
      if (n > 0) {
        if (b.at(i + 1) === COLON) return this.list(b, prev, LIST_DEFINITION);
        return i + n;
      }

      if (i > p) {
        const level = isUnderlinedHeading(b, i);
        if (level > 0) {
          let eol = i - 1;
          let s = prev;
          while (s < eol && b.at(s) === SP) s++;
          while (eol > s && b.at(eol - 1) === SP) eol--;
          this.hit(level, b, s, eol, i);
          return skipUntilNL(b, i);
        }
      }

      if (isPrefixHeading(b, i) || isPrefixSpecialHeading(b, i) || isHRule(b, i)) return i;
      // a block quote, a closed fence or a table header ends the paragraph with no blank line
      if (quotePrefix(b, i) > 0) return i;
      if (this.fencedCodeBlock(b, i) > 0) return i;
      if (this.table(b, i) > 0) return i;
      if (dliPrefix(b, i) !== 0) return this.list(b, prev, LIST_DEFINITION);

      const nl = b.nextNL(i);
      i = nl < 0 ? Math.max(i + 1, b.s.length) : nl + 1;
    }
    return i;
  }

  /** isReference + scanLinkRef: length of a `[id]: url "title"` definition at i (up to its line end). */
  private isReference(b: Buf, i0: number): number {
    let i = i0;
    while (i < i0 + 3 && b.at(i) === SP) i++;
    if (b.at(i) !== LBRACK) return 0;
    i++;
    const idOffset = i;
    for (;;) {
      const c = b.at(i);
      if (c < 0 || c === NL || c === CR || c === RBRACK) break;
      i++;
    }
    if (b.at(i) !== RBRACK) return 0;
    const idEnd = i;
    if (idOffset === idEnd) return 0;
    i++;
    if (b.at(i) !== COLON) return 0;
    i++;
    while (b.at(i) === SP || b.at(i) === TAB) i++;
    if (b.at(i) === NL || b.at(i) === CR) {
      i++;
      if (b.at(i) === NL && b.at(i - 1) === CR) i++;
    }
    while (b.at(i) === SP || b.at(i) === TAB) i++;
    if (!b.has(i)) return 0;

    // scanLinkRef
    if (b.at(i) === LT) i++;
    let linkOffset = i;
    for (;;) {
      const c = b.at(i);
      if (c < 0 || c === SP || c === TAB || c === NL || c === CR) break;
      i++;
    }
    let linkEnd = i;
    if (b.has(linkEnd) && b.at(linkOffset) === LT && b.at(linkEnd - 1) === GT) {
      linkOffset++;
      linkEnd--;
    }
    while (b.at(i) === SP || b.at(i) === TAB) i++;
    const c = b.at(i);
    if (c >= 0 && c !== NL && c !== CR && c !== SQUOTE && c !== DQUOTE && c !== LPAREN) return 0;
    let lineEnd = -1;
    if (c < 0 || c === CR || c === NL) lineEnd = i;
    if (c === CR && b.at(i + 1) === NL) lineEnd++;
    if (lineEnd >= 0) {
      i = lineEnd + 1;
      while (b.at(i) === SP || b.at(i) === TAB) i++;
    }
    let titleOffset = 0;
    let titleEnd = 0;
    const t = b.at(i);
    if ((t === SQUOTE || t === DQUOTE || t === LPAREN) && b.has(i + 1)) {
      i++;
      titleOffset = i;
      for (;;) {
        const d = b.at(i);
        if (d < 0 || d === NL || d === CR) break;
        i++;
      }
      titleEnd = b.at(i) === NL && b.at(i + 1) === CR ? i + 1 : i;
      i--;
      while (i > titleOffset && (b.at(i) === SP || b.at(i) === TAB)) i--;
      const q = b.at(i);
      if (i > titleOffset && (q === SQUOTE || q === DQUOTE || q === RPAREN)) {
        lineEnd = titleEnd;
        titleEnd = i;
      }
    }
    if (lineEnd < 0) return 0;
    if (this.refs !== null) {
      this.refs.set(b.slice(idOffset, idEnd).toLowerCase(), {
        link: b.slice(linkOffset, linkEnd),
        title: b.slice(titleOffset, titleEnd),
      });
    }
    return lineEnd - i0;
  }
}

/** html() second pass: the end of a block opened by `<tag`, searched from `from`; -1 if none. */
function htmlBlockEnd(b: Buf, tag: string, from: number, closer?: { at: number }): number {
  const pat = '</' + tag + '>';
  for (;;) {
    const k = b.indexOf(pat, from);
    if (k < 0) return -1;
    // gomarkdown stops looking once a candidate's '>' is the last byte of the text
    if (!b.has(k + pat.length)) return -1;
    let i = k + pat.length;
    const s1 = isEmpty(b, i);
    if (s1 > 0) {
      i += s1;
      if (!b.has(i)) {
        if (closer) closer.at = k;
        return i;
      }
      const s2 = isEmpty(b, i);
      if (s2 > 0) {
        if (closer) closer.at = k;
        return i + s2;
      }
    }
    from = k + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// The driver: top-level loop, TOC reset and checkpoints.
//
// CHECKPOINT CONTRACT. A checkpoint {line: L, state: S} is emitted before any event for line L and
// guarantees
//   (a) the events for lines < L never depend on the content of lines >= L (line L itself exists:
//       the '\n' that ends line L-1 belongs to line L-1), and
//   (b) scanHeadings(lines, L, S, visit) produces exactly the events the continuing scan produces
//       from L on (including this checkpoint).
// How it is kept:
//   * gomarkdown's top-level block loop carries no state from one block to the next, so at a block
//     start the only state is "before or after the TOC tag" (S = '0' or '1'); that gives (b).
//   * Blocks look ahead (a paragraph peeks at the next line for a setext underline, a fence searches
//     for its closer, a list reads the line after its end...). Every read goes through Buf, which keeps
//     `hi`, one past the furthest offset examined. A top-level block start at the beginning of line L
//     gets a checkpoint only if hi <= offset(L): nothing at or after L influenced what came before. That
//     gives (a) without having to enumerate gomarkdown's look-ahead rules.
//   * Conditional checkpoints (isConditionalState) are the exception to (a) that the brief asks for:
//     inside a top-level fenced block, block comment or HTML block we emit one per line, whose state
//     records the construct, so that an edit inside a long comment rescans from just before the edit
//     and stops just after it. Their events before L assume the construct still closes; a scan resumed
//     from one re-finds the closer and reports RESUME_FAILED if it is gone, and the caller then rescans
//     from an unconditional checkpoint. They are emitted only when nothing before the construct looked
//     past its first character, so a resumed scan ends up with the same `hi` as the full one and emits
//     the same later checkpoints.
//   * TOC reset: mdtoc parses only the text after the first `<!-- /toc -->` (as a fresh document), so
//     the text before it is parsed as its own document that ends at the tag, and parsing restarts at
//     the tag with state '1'. The tag line itself gets a checkpoint (state '0', which finds the tag
//     again when resumed) only if the tag is in column 0 and the first document never looked at its
//     own end; a '1' checkpoint there would depend on the tag line's content.

function stateOf(tagSeen: boolean, kind: number, param: string): ScanState {
  const t = tagSeen ? '1' : '0';
  if (kind === X_FENCE) return t + 'F' + param;
  if (kind === X_COMMENT) return t + 'C';
  if (kind === X_HTML) return t + 'H' + param;
  return t;
}

interface ParsedState {
  tagSeen: boolean;
  kind: number;
  param: string;
}

function parseState(state: ScanState): ParsedState | undefined {
  const t = state.charCodeAt(0);
  if (t !== 48 && t !== 49) return undefined;
  const tagSeen = t === 49;
  if (state.length === 1) return { tagSeen, kind: X_NONE, param: '' };
  const k = state[1];
  if (k === 'F') return { tagSeen, kind: X_FENCE, param: state.slice(2) };
  if (k === 'C') return { tagSeen, kind: X_COMMENT, param: '' };
  if (k === 'H') return { tagSeen, kind: X_HTML, param: state.slice(2) };
  return undefined;
}

class Stop extends Error {}

class Driver {
  readonly parser = new BlockParser();
  private lastCheckpointLine = -1;
  /** set when visit returned false */
  stopped = false;
  /** called when parsing restarts at the TOC tag */
  onReset: (() => void) | undefined;

  constructor(
    private readonly lines: readonly string[],
    private readonly visit: (e: ScanEvent) => boolean | void,
  ) {}

  private emit(e: ScanEvent): void {
    if (this.visit(e) === false) {
      this.stopped = true;
      throw new Stop();
    }
  }

  private checkpoint(line: number, state: ScanState): void {
    if (line <= this.lastCheckpointLine) return;
    this.lastCheckpointLine = line;
    this.emit({ kind: 'checkpoint', line, state });
  }

  run(from: number, st: ParsedState): void {
    try {
      this.runInner(from, st);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  }

  private runInner(from: number, st: ParsedState): void {
    const lines = this.lines;
    let tagSeen = st.tagSeen;
    let buf = new TopBuf(lines, from, 0, !tagSeen);
    let pos = 0;

    if (st.kind === X_NONE) {
      this.checkpoint(from, stateOf(tagSeen, X_NONE, ''));
    } else {
      const closer = { at: -1 };
      let end = -1;
      if (st.kind === X_FENCE) {
        end = findFenceClose(buf, 0, st.param, closer);
      } else if (st.kind === X_COMMENT) {
        const k = buf.indexOf('-->', 0);
        if (k >= 0) {
          const j = isEmpty(buf, k + 3);
          if (j > 0) {
            end = k + 3 + j;
            closer.at = k;
          }
        }
      } else {
        end = htmlBlockEnd(buf, st.param, 0, closer);
      }
      if (end < 0) {
        this.checkpoint(from, RESUME_FAILED);
        return;
      }
      const state = stateOf(tagSeen, st.kind, st.param);
      const last = buf.lineOf(closer.at);
      for (let l = from; l <= last; l++) this.checkpoint(l, state);
      pos = end;
    }

    const parser = this.parser;
    for (;;) {
      let hiAtEnd = 0;
      for (;;) {
        // `hi` before the end-of-text test: that test reads the first character of this block, which
        // belongs to this block, not to the ones before it
        const hiBefore = buf.hi;
        if (!buf.has(pos)) {
          hiAtEnd = hiBefore;
          break;
        }
        if (hiBefore <= pos && buf.isLineStart(pos)) this.checkpoint(buf.lineOf(pos), tagSeen ? '1' : '0');
        buf.hi = 0;
        parser.xKind = X_NONE;
        parser.nesting = 1;
        const hitStart = parser.hits.length;
        const next = parser.safeStep(buf, pos);
        parser.nesting = 0;
        const hiBlock = buf.hi;
        buf.hi = Math.max(hiBefore, hiBlock);
        if (parser.hits.length > hitStart) this.flushHits(buf, hitStart);
        // Only when nothing before the construct looked into it beyond its first character (a
        // paragraph followed by a blank line peeks at it for a definition-list ':'): then both the
        // full scan and a scan resumed inside it leave the construct with the same `hi` (the
        // construct's own), and whether these checkpoints exist depends only on text before them.
        if (parser.xKind !== X_NONE && hiBefore <= pos + 1) {
          const state = stateOf(tagSeen, parser.xKind, parser.xParam);
          const first = buf.lineOf(pos) + 1;
          const last = buf.lineOf(parser.xCloser);
          for (let l = first; l <= last; l++) this.checkpoint(l, state);
        }
        pos = next;
      }
      if (tagSeen || buf.cutLine < 0) return;
      // The TOC tag: what follows is a fresh document for mdtoc.
      const line = buf.cutLine;
      const col = buf.cutCol;
      const sawEnd = hiAtEnd > pos;
      tagSeen = true;
      this.onReset?.();
      buf = new TopBuf(lines, line, col, false);
      pos = 0;
      // State '0', not '1': resuming here in state '0' finds the tag at the start of the line and
      // resets just like this, and stays right if an edit removes the tag.
      if (col === 0 && !sawEnd) this.checkpoint(line, '0');
      // never a '1' checkpoint on the tag line: its state would depend on the tag itself
      if (this.lastCheckpointLine < line) this.lastCheckpointLine = line;
    }
  }

  private flushHits(buf: TopBuf, from: number): void {
    const hits = this.parser.hits;
    const out: ScannedHeading[] = [];
    for (let k = from; k < hits.length; k++) {
      const h = hits[k]!;
      const at = h.buf.toTop(h.start);
      if (at < 0) continue;
      const line = buf.lineOf(at);
      const setext = h.underline >= 0;
      let endLine = line;
      if (setext) {
        const u = h.buf.toTop(h.underline);
        if (u >= 0) endLine = buf.lineOf(u);
      }
      out.push({
        level: h.level,
        line,
        endLine,
        column: buf.columnOf(at),
        text: h.buf.s.slice(h.start, h.end),
        setext,
      });
    }
    hits.length = from;
    if (out.length > 1) out.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const heading of out) this.emit({ kind: 'heading', heading });
  }
}

/**
 * Scans lines[from..] starting in `state`; calls visit for each event in line order; stops when visit
 * returns false. Lines are given without terminators. See the checkpoint contract above.
 */
export function scanHeadings(lines: readonly string[], from: number, state: ScanState, visit: (e: ScanEvent) => boolean | void): void {
  if (from < 0) from = 0;
  if (from >= lines.length) return;
  const st = parseState(state);
  if (st === undefined) return;
  new Driver(lines, visit).run(from, st);
}

/**
 * The `[id]: url "title"` definitions gomarkdown records while parsing the document mdtoc sees (the
 * text after the first `<!-- /toc -->`, or the whole document without one), keyed by lower-cased id;
 * later definitions win, as in gomarkdown. This is a full scan: call it only when a heading needs it.
 */
export function collectReferenceDefinitions(lines: readonly string[]): Map<string, ReferenceDefinition> {
  const refs = new Map<string, ReferenceDefinition>();
  const drv = new Driver(lines, () => undefined);
  drv.parser.refs = refs;
  // definitions before the tag are not part of the document mdtoc parses
  drv.onReset = () => refs.clear();
  drv.run(0, { tagSeen: false, kind: X_NONE, param: '' });
  return refs;
}
