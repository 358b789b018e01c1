/**
 * A reproduction of `sigs.k8s.io/mdtoc` v1.4.0, the generator behind the KEP repository's
 * `make update-toc` / `verify-toc` (kep-facts.md §1.5). The headings come from the incremental index
 * (headingScanner.ts reproduces gomarkdown's block rules, including the restart at the closing tag);
 * this file renders each heading's inline Markdown the way gomarkdown's inline parser and HTML
 * renderer do, and derives anchors the way mdtoc does.
 *
 * The inline parser works on UTF-8 bytes because gomarkdown does: a few of its decisions count bytes
 * (lengths, how far back an autolink rewinds), and non-ASCII text must be judged the same way.
 */
import { sameElements } from '../text/arrays';
import { collectReferenceDefinitions, findCloseTocTag, type ReferenceDefinition, type ScannedHeading } from './headingScanner';
import type { MarkdownIndex } from './markdownIndex';

export interface TocTags {
  open?: { line: number; character: number };
  close?: { line: number; character: number };
  error?: 'missing-open' | 'missing-close' | 'close-before-open';
}

const OPEN_TAG = '<!-- toc -->';
const CLOSE_TAG = '<!-- /toc -->';

/** Column of the first case-insensitive `<!-- toc -->` in `line`, or -1. */
export function findOpenTocTag(line: string): number {
  let at = line.indexOf('<!--');
  while (at >= 0) {
    if (line.length - at >= OPEN_TAG.length && line.substr(at, OPEN_TAG.length).toLowerCase() === OPEN_TAG) return at;
    at = line.indexOf('<!--', at + 1);
  }
  return -1;
}

/** The first case-insensitive match of each tag, exactly as mdtoc's findTOCTags, and its verdict. */
const tagCache = new WeakMap<MarkdownIndex, { version: number; tags: TocTags }>();

export function findTocTags(index: MarkdownIndex): TocTags {
  const cached = tagCache.get(index);
  if (cached && cached.version === index.version) return { ...cached.tags };
  const tags = scanTocTags(index);
  tagCache.set(index, { version: index.version, tags });
  return { ...tags };
}

function scanTocTags(index: MarkdownIndex): TocTags {
  const lines = index.lines();
  let open: TocTags['open'];
  let close: TocTags['close'];
  for (let i = 0; i < lines.length && (open === undefined || close === undefined); i++) {
    const line = lines[i]!;
    if (line.indexOf('<!--') < 0) continue;
    if (open === undefined) {
      const c = findOpenTocTag(line);
      if (c >= 0) open = { line: i, character: c };
    }
    if (close === undefined) {
      const c = findCloseTocTag(line);
      if (c >= 0) close = { line: i, character: c };
    }
  }
  const tags: TocTags = {};
  if (open) tags.open = open;
  if (close) tags.close = close;
  if (!open) tags.error = 'missing-open';
  else if (!close) tags.error = 'missing-close';
  else if (close.line < open.line || (close.line === open.line && close.character < open.character)) {
    tags.error = 'close-before-open';
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------
// Anchors

/**
 * mdtoc's anchor for a heading's plain text: lower-case, drop everything but ASCII letters, digits,
 * '_', '-' and ' ', then turn each space into '-' (no collapsing). Repeats are numbered by the caller.
 */
export function tocAnchor(plainText: string): string {
  const lower = plainText.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) out += lower[i];
    else if (c === 32) out += '-';
    else if (c >= 65 && c <= 90) out += lower[i];
  }
  return out;
}

/** Numbers repeated anchors `x`, `x-1`, `x-2`… in the order they are asked for, as mdtoc does. */
export class AnchorCounter {
  private seen = new Map<string, number>();
  next(anchor: string): string {
    const n = this.seen.get(anchor) ?? 0;
    this.seen.set(anchor, n + 1);
    return n > 0 ? `${anchor}-${n}` : anchor;
  }
}

// ---------------------------------------------------------------------------------------------
// gomarkdown's inline parser (CommonExtensions), on UTF-8 bytes

type Node =
  | { t: 'text'; lit: Uint8Array }
  | { t: 'code'; lit: Uint8Array }
  | { t: 'html'; lit: Uint8Array }
  | { t: 'math'; lit: Uint8Array }
  | { t: 'br' }
  | { t: 'emph' | 'strong' | 'del'; kids: Node[] }
  | { t: 'link'; dest: Uint8Array; title: Uint8Array; kids: Node[] }
  | { t: 'image'; dest: Uint8Array; title: Uint8Array; kids: Node[] };

type Result = [number, Node | null];
const NONE: Result = [0, null];

const enc = new TextEncoder();
const dec = new TextDecoder();

const B = (s: string): number => s.charCodeAt(0);
const C_NL = 10;
const C_SP = 32;
const C_BANG = B('!');
const C_DQ = B('"');
const C_SQ = B("'");
const C_LP = B('(');
const C_RP = B(')');
const C_LB = B('[');
const C_RB = B(']');
const C_LT = B('<');
const C_GT = B('>');
const C_BS = B('\\');
const C_BT = B('`');
const C_CARET = B('^');
const C_TILDE = B('~');
const C_AMP = B('&');
const C_HASH = B('#');
const C_SEMI = B(';');
const C_DOLLAR = B('$');
const C_COLON = B(':');
const C_AT = B('@');
const C_DOT = B('.');
const C_COMMA = B(',');
const C_SLASH = B('/');

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c);
}
const PUNCT = new Set(Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', (ch) => ch.charCodeAt(0)));
function isPunctuation(c: number): boolean {
  return PUNCT.has(c);
}
const ESCAPABLE = new Set(Array.from('\\`*_{}[]()#+-.!:|&<>~^', (ch) => ch.charCodeAt(0)));

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function text(lit: Uint8Array): Node {
  return { t: 'text', lit };
}

/** unescapeText: drops backslashes, keeping the character after each. */
function unescapeText(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    while (i < src.length && src[i] !== C_BS) out.push(src[i++]!);
    if (i + 1 >= src.length) break;
    out.push(src[i + 1]!);
    i += 2;
  }
  return Uint8Array.from(out);
}

function startsWithCI(s: Uint8Array, at: number, prefix: string): boolean {
  if (s.length - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const b = prefix.charCodeAt(i);
    // gomarkdown's hasPrefixCaseInsensitive: equal, or equal after adding 32 (byte arithmetic)
    if (b !== s[at + i] && b !== ((s[at + i]! + 32) & 0xff)) return false;
  }
  return true;
}

function bytesEqual(a: Uint8Array, s: string): boolean {
  if (a.length !== s.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== s.charCodeAt(i)) return false;
  return true;
}

const ANCHOR_URL = '((https?|ftp):\\/\\/|\\/)[-A-Za-z0-9+&@#\\/%?=~_|!:,.;\\(\\)]+';
const ANCHOR_RE = new RegExp('^(<a\\shref="' + ANCHOR_URL + '"(\\stitle="[^"<>]+")?\\s?>' + ANCHOR_URL + '<\\/a>)');
const HTML_ENTITY_RE = /&[a-z]{2,5};/g;

class InlineParser {
  private nesting = 0;
  private insideLink = false;
  constructor(private readonly lookupRef: (id: string) => ReferenceDefinition | undefined) {}

  inline(out: Node[], data: Uint8Array): void {
    if (this.nesting >= 16 || data.length === 0) return;
    this.nesting++;
    let beg = 0;
    let end = 0;
    const n = data.length;
    while (end < n) {
      const [consumed, node] = this.handle(data, end);
      if (consumed === 0) {
        end++;
        continue;
      }
      out.push(text(data.subarray(beg, end)));
      if (node) out.push(node);
      beg = end + consumed;
      end = beg;
    }
    if (beg < n) {
      if (data[end - 1] === C_NL) end--;
      out.push(text(data.subarray(beg, end)));
    }
    this.nesting--;
  }

  private handle(data: Uint8Array, offset: number): Result {
    switch (data[offset]) {
      case C_SP:
        return this.maybeLineBreak(data, offset);
      case B('*'):
      case B('_'):
      case C_TILDE:
        return this.emphasis(data, offset);
      case C_BT:
        return this.codeSpan(data, offset);
      case C_LB:
        return this.link(data, offset);
      case C_LT:
        return this.leftAngle(data, offset);
      case C_BS:
        return this.escape(data, offset);
      case C_AMP:
        return this.entity(data, offset);
      case C_BANG:
      case C_CARET:
        return offset < data.length - 1 && data[offset + 1] === C_LB ? this.link(data, offset) : NONE;
      case B('h'):
      case B('m'):
      case B('f'):
      case B('H'):
      case B('M'):
      case B('F'):
        return this.maybeAutoLink(data, offset);
      case C_DOLLAR:
        return this.math(data, offset);
      default:
        return NONE;
    }
  }

  private emphasis(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    const c = data[0]!;
    const n = data.length;
    if (n > 2 && data[1] !== c) {
      if (isSpace(data[1]!)) return NONE;
      const [ret, node] = this.helperEmphasis(data.subarray(1), c);
      return ret === 0 ? NONE : [ret + 1, node];
    }
    if (n > 3 && data[1] === c && data[2] !== c) {
      if (isSpace(data[2]!)) return NONE;
      const [ret, node] = this.helperDoubleEmphasis(data.subarray(2), c);
      return ret === 0 ? NONE : [ret + 2, node];
    }
    if (n > 4 && data[1] === c && data[2] === c && data[3] !== c) {
      if (c === C_TILDE || isSpace(data[3]!)) return NONE;
      const [ret, node] = this.helperTripleEmphasis(data, 3, c);
      return ret === 0 ? NONE : [ret + 3, node];
    }
    return NONE;
  }

  /** helperFindEmphChar: the next emphasis character, skipping code spans and links. */
  private findEmphChar(data: Uint8Array, c: number): number {
    let i = 0;
    const n = data.length;
    while (i < n) {
      while (i < n && data[i] !== c && data[i] !== C_BT && data[i] !== C_LB) i++;
      if (i >= n) return 0;
      if (i !== 0 && data[i - 1] === C_BS) {
        i++;
        continue;
      }
      if (data[i] === c) return i;
      if (data[i] === C_BT) {
        let tmp = 0;
        i++;
        while (i < n && data[i] !== C_BT) {
          if (tmp === 0 && data[i] === c) tmp = i;
          i++;
        }
        if (i >= n) return tmp;
        i++;
      } else if (data[i] === C_LB) {
        let tmp = 0;
        i++;
        while (i < n && data[i] !== C_RB) {
          if (tmp === 0 && data[i] === c) tmp = i;
          i++;
        }
        i++;
        while (i < n && (data[i] === C_SP || data[i] === C_NL)) i++;
        if (i >= n) return tmp;
        if (data[i] !== C_LB && data[i] !== C_LP) {
          if (tmp > 0) return tmp;
          continue;
        }
        const cc = data[i];
        i++;
        while (i < n && data[i] !== cc) {
          if (tmp === 0 && data[i] === c) return i;
          i++;
        }
        if (i >= n) return tmp;
        i++;
      }
    }
    return 0;
  }

  private helperEmphasis(data: Uint8Array, c: number): Result {
    let i = 0;
    const n = data.length;
    if (n > 1 && data[0] === c && data[1] === c) i = 1;
    while (i < n) {
      const length = this.findEmphChar(data.subarray(i), c);
      if (length === 0) return NONE;
      i += length;
      if (i >= n) return NONE;
      if (i + 1 < n && data[i + 1] === c) {
        i++;
        continue;
      }
      if (data[i] === c && !isSpace(data[i - 1]!)) {
        // NoIntraEmphasis
        if (!(i + 1 === n || isSpace(data[i + 1]!) || isPunctuation(data[i + 1]!))) continue;
        const kids: Node[] = [];
        this.inline(kids, data.subarray(0, i));
        return [i + 1, { t: 'emph', kids }];
      }
    }
    return NONE;
  }

  private helperDoubleEmphasis(data: Uint8Array, c: number): Result {
    let i = 0;
    const n = data.length;
    while (i < n) {
      const length = this.findEmphChar(data.subarray(i), c);
      if (length === 0) return NONE;
      i += length;
      if (i + 1 < n && data[i] === c && data[i + 1] === c && i > 0 && !isSpace(data[i - 1]!)) {
        const kids: Node[] = [];
        this.inline(kids, data.subarray(0, i));
        return [i + 2, { t: c === C_TILDE ? 'del' : 'strong', kids }];
      }
      i++;
    }
    return NONE;
  }

  private helperTripleEmphasis(orig: Uint8Array, offset: number, c: number): Result {
    let i = 0;
    const data = orig.subarray(offset);
    const n = data.length;
    while (i < n) {
      const length = this.findEmphChar(data.subarray(i), c);
      if (length === 0) return NONE;
      i += length;
      if (data[i] !== c || isSpace(data[i - 1]!)) continue;
      if (i + 2 < n && data[i + 1] === c && data[i + 2] === c) {
        const kids: Node[] = [];
        this.inline(kids, data.subarray(0, i));
        return [i + 3, { t: 'strong', kids: [{ t: 'emph', kids }] }];
      }
      if (i + 1 < n && data[i + 1] === c) {
        const [len, node] = this.helperEmphasis(orig.subarray(offset - 2), c);
        return len === 0 ? NONE : [len - 2, node];
      }
      const [len, node] = this.helperDoubleEmphasis(orig.subarray(offset - 1), c);
      return len === 0 ? NONE : [len - 1, node];
    }
    return NONE;
  }

  private codeSpan(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    const n = data.length;
    let nb = 0;
    while (nb < n && data[nb] === C_BT) nb++;
    let i = 0;
    let end = nb;
    for (; end < n && i < nb; end++) {
      if (data[end] === C_BT) i++;
      else i = 0;
    }
    if (i < nb && end >= n) return NONE;
    let fBegin = nb;
    while (fBegin < end && data[fBegin] === C_SP) fBegin++;
    let fEnd = end - nb;
    while (fEnd > fBegin && data[fEnd - 1] === C_SP) fEnd--;
    if (fBegin !== fEnd) return [end, { t: 'code', lit: data.subarray(fBegin, fEnd) }];
    return [end, null];
  }

  private maybeLineBreak(data: Uint8Array, offset: number): Result {
    const orig = offset;
    while (offset < data.length && data[offset] === C_SP) offset++;
    if (offset < data.length && data[offset] === C_NL) {
      if (offset - orig >= 2) return [offset - orig + 1, { t: 'br' }];
      return [offset - orig, null];
    }
    return NONE;
  }

  private escape(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    if (data.length <= 1) return [2, null];
    if (data[1] === C_NL) return [2, { t: 'br' }]; // BackslashLineBreak
    if (!ESCAPABLE.has(data[1]!)) return NONE;
    return [2, text(data.subarray(1, 2))];
  }

  private entity(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    let end = 1;
    if (data[end] === C_HASH) end++;
    while (end < data.length && isAlnum(data[end]!)) end++;
    if (end < data.length && data[end] === C_SEMI) end++;
    else return NONE;
    const ent = data.subarray(0, end);
    if (bytesEqual(ent, '&amp;')) return [end, text(Uint8Array.of(C_AMP))];
    return [end, text(ent)];
  }

  private math(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    if (data.length <= 2 || data[1] === C_DOLLAR) return NONE;
    let end = 1;
    while (end < data.length && data[end] !== C_DOLLAR) end++;
    if (end === data.length) return NONE;
    return [end + 1, { t: 'math', lit: data.subarray(1, end) }];
  }

  private inlineHTMLComment(data: Uint8Array): number {
    if (data.length < 5) return 0;
    if (data[0] !== C_LT || data[1] !== C_BANG || data[2] !== 45 || data[3] !== 45) return 0;
    let i = 5;
    while (i < data.length && !(data[i - 2] === 45 && data[i - 1] === 45 && data[i] === C_GT)) i++;
    if (i >= data.length) return 0;
    return i + 1;
  }

  /** tagLength, including its handling of a missing '>' (it steps back one byte instead of failing). */
  private tagLength(data: Uint8Array): [number, number] {
    const n = data.length;
    if (n < 3) return [0, 0];
    if (data[0] !== C_LT) return [0, 0];
    let i = data[1] === C_SLASH ? 2 : 1;
    if (!isAlnum(data[i]!)) return [0, 0];
    let kind = 0;
    while (i < n && (isAlnum(data[i]!) || data[i] === C_DOT || data[i] === B('+') || data[i] === B('-'))) i++;
    if (i > 1 && i < n && data[i] === C_AT) {
      const j = this.isMailtoAutoLink(data.subarray(i));
      if (j !== 0) return [2, i + j];
    }
    if (i > 2 && i < n && data[i] === C_COLON) {
      kind = 1;
      i++;
    }
    if (i >= n) {
      kind = 0;
    } else if (kind !== 0) {
      const j = i;
      while (i < n) {
        if (data[i] === C_BS) i += 2;
        else if (data[i] === C_GT || data[i] === C_SQ || data[i] === C_DQ || isSpace(data[i]!)) break;
        else i++;
      }
      if (i >= n) return [kind, 0];
      if (i > j && data[i] === C_GT) return [kind, i + 1];
      kind = 0;
    }
    let gt = -1;
    for (let k = i; k < n; k++) {
      if (data[k] === C_GT) {
        gt = k - i;
        break;
      }
    }
    i += gt;
    if (i < 0) return [kind, 0];
    return [kind, i + 1];
  }

  private isMailtoAutoLink(data: Uint8Array): number {
    let nb = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (isAlnum(c)) continue;
      if (c === C_AT) nb++;
      else if (c === B('-') || c === C_DOT || c === B('_')) {
        // allowed
      } else if (c === C_GT) return nb === 1 ? i + 1 : 0;
      else return 0;
    }
    return 0;
  }

  private leftAngle(all: Uint8Array, offset: number): Result {
    const data = all.subarray(offset);
    const [kind, tagEnd] = this.tagLength(data);
    const size = this.inlineHTMLComment(data);
    const end = size > 0 ? size : tagEnd;
    if (end <= 2) return [end, null];
    if (kind === 0) return [end, { t: 'html', lit: data.subarray(0, end) }];
    const link = unescapeText(data.subarray(1, end + 1 - 2));
    if (link.length <= 0) return [end, null];
    let dest = link;
    if (kind === 2) dest = concat([enc.encode('mailto:'), link]);
    let label = link;
    if (startsWithBytes(link, 'mailto://')) label = link.subarray(9);
    else if (startsWithBytes(link, 'mailto:')) label = link.subarray(7);
    return [end, { t: 'link', dest, title: new Uint8Array(0), kids: [text(label)] }];
  }

  private maybeAutoLink(data: Uint8Array, offset: number): Result {
    if (this.insideLink || data.length < offset + 6) return NONE;
    for (const prefix of ['http://', 'https://', 'ftp://', 'file://', 'mailto:']) {
      const head = data.subarray(offset, Math.min(offset + 8, data.length));
      if (startsWithCI(head, 0, prefix)) return this.autoLink(data, offset);
    }
    return NONE;
  }

  private autoLink(orig: Uint8Array, offset: number): Result {
    let anchorStart = offset;
    let offsetFromAnchor = 0;
    while (anchorStart > 0 && orig[anchorStart] !== C_LT) {
      anchorStart--;
      offsetFromAnchor++;
    }
    const m = ANCHOR_RE.exec(dec.decode(orig.subarray(anchorStart)));
    if (m) {
      const s = enc.encode(m[0]);
      return [s.length - offsetFromAnchor, { t: 'html', lit: s.subarray(offsetFromAnchor) }];
    }
    let rewind = 0;
    while (offset - rewind > 0 && rewind <= 7 && isLetter(orig[offset - rewind - 1]!)) rewind++;
    if (rewind > 6) return NONE;
    const data = orig.subarray(offset - rewind);
    if (!isSafeLink(data)) return NONE;
    let linkEnd = 0;
    while (linkEnd < data.length && !(isSpace(data[linkEnd]!) || data[linkEnd] === C_LT)) linkEnd++;
    if ((data[linkEnd - 1] === C_DOT || data[linkEnd - 1] === C_COMMA) && data[linkEnd - 2] !== C_BS) linkEnd--;
    if (data[linkEnd - 1] === C_SEMI && data[linkEnd - 2] !== C_BS && !linkEndsWithEntity(data, linkEnd)) linkEnd--;
    const last = data[linkEnd - 1];
    const copen = last === C_DQ ? C_DQ : last === C_SQ ? C_SQ : last === C_RP ? C_LP : last === C_RB ? C_LB : last === B('}') ? B('{') : 0;
    if (copen !== 0) {
      let bufEnd = offset - rewind + linkEnd - 2;
      let openDelim = 1;
      while (bufEnd >= 0 && orig[bufEnd] !== C_NL && openDelim !== 0) {
        if (orig[bufEnd] === last) openDelim++;
        if (orig[bufEnd] === copen) openDelim--;
        bufEnd--;
      }
      if (openDelim === 0) linkEnd--;
    }
    const uLink = unescapeText(data.subarray(0, linkEnd));
    if (uLink.length > 0) return [linkEnd, { t: 'link', dest: uLink, title: new Uint8Array(0), kids: [text(uLink)] }];
    return [linkEnd, null];
  }

  /** link: inline links, reference links, images (and the odd `^[` the footnote hook routes here). */
  private link(all: Uint8Array, offset: number): Result {
    if (this.insideLink && ((offset > 0 && all[offset - 1] === C_LB) || (all.length - 1 > offset && all[offset + 1] === C_CARET))) {
      return NONE;
    }
    let isImg = false;
    if (all[offset] === C_BANG) {
      isImg = true;
      offset++;
    }
    const data = all.subarray(offset);
    const n = data.length;
    let i = 1;
    let textHasNl = false;
    let level = 1;
    for (; level > 0 && i < n; i++) {
      if (data[i] === C_NL) textHasNl = true;
      else if (data[i - 1] === C_BS) continue;
      else if (data[i] === C_LB) level++;
      else if (data[i] === C_RB) {
        level--;
        if (level <= 0) i--;
      }
    }
    if (i >= n) return NONE;
    const txtE = i;
    i++;
    while (i < n && isSpace(data[i]!)) i++;

    let link: Uint8Array | null = null;
    let title: Uint8Array | null = null;
    let altContent: Uint8Array | null = null;
    if (i < n && data[i] === C_LP) {
      i++;
      while (i < n && isSpace(data[i]!)) i++;
      let linkB = i;
      let brace = 0;
      findEnd: while (i < n) {
        switch (data[i]) {
          case C_BS:
            i += 2;
            break;
          case C_LP:
            brace++;
            i++;
            break;
          case C_RP:
            if (brace <= 0) break findEnd;
            brace--;
            i++;
            break;
          case C_SQ:
          case C_DQ:
            break findEnd;
          default:
            i++;
        }
      }
      if (i >= n) return NONE;
      let linkE = i;
      let titleB = 0;
      let titleE = 0;
      if (data[i] === C_SQ || data[i] === C_DQ) {
        i++;
        titleB = i;
        let found = false;
        while (i < n) {
          if (data[i] === C_BS) i++;
          else if (data[i] === data[titleB - 1]) found = true;
          else if (found && data[i] === C_RP) break;
          i++;
        }
        if (i >= n) return NONE;
        titleE = i - 1;
        while (titleE > titleB && isSpace(data[titleE]!)) titleE--;
        if (data[titleE] !== C_SQ && data[titleE] !== C_DQ) {
          titleB = 0;
          titleE = 0;
          linkE = i;
        }
      }
      while (linkE > linkB && isSpace(data[linkE - 1]!)) linkE--;
      if (data[linkB] === C_LT) linkB++;
      if (data[linkE - 1] === C_GT) linkE--;
      if (linkE > linkB) link = data.subarray(linkB, linkE);
      if (titleE > titleB) title = data.subarray(titleB, titleE);
      i++;
    } else if (i < n - 1 && data[i] === C_LB && data[i + 1] !== C_CARET) {
      // reference style
      let consideredAlt = false;
      i++;
      const linkB = i;
      while (i < n && data[i] !== C_RB) i++;
      if (i >= n) return NONE;
      const linkE = i;
      let id: Uint8Array;
      if (linkB === linkE) {
        if (textHasNl) id = collapseNewlines(data, txtE);
        else {
          id = data.subarray(1, txtE);
          consideredAlt = true;
        }
      } else {
        id = data.subarray(linkB, linkE);
      }
      const ref = this.lookupRef(dec.decode(id));
      if (!ref) return NONE;
      link = enc.encode(ref.link);
      title = enc.encode(ref.title);
      if (consideredAlt) altContent = null; // references carry no alternate text in mdtoc's parser
      i++;
    } else {
      // shortcut reference
      const id = textHasNl ? collapseNewlines(data, txtE) : data.subarray(1, txtE);
      const ref = this.lookupRef(dec.decode(id));
      if (!ref) return NONE;
      link = enc.encode(ref.link);
      title = enc.encode(ref.title);
      i = txtE + 1;
    }

    const uLink = link && link.length > 0 ? unescapeText(link) : new Uint8Array(0);
    if (uLink.length === 0 || (!isImg && txtE <= 1)) return NONE;
    if (!isImg) {
      const kids: Node[] = [];
      if (altContent && altContent.length > 0) kids.push(text(altContent));
      else {
        const was = this.insideLink;
        this.insideLink = true;
        this.inline(kids, data.subarray(1, txtE));
        this.insideLink = was;
      }
      return [i, { t: 'link', dest: uLink, title: title ?? new Uint8Array(0), kids }];
    }
    return [i + 1, { t: 'image', dest: uLink, title: title ?? new Uint8Array(0), kids: [text(data.subarray(1, txtE))] }];
  }
}

function startsWithBytes(s: Uint8Array, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (s[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function collapseNewlines(data: Uint8Array, txtE: number): Uint8Array {
  const out: number[] = [];
  for (let j = 1; j < txtE; j++) {
    if (data[j] !== C_NL) out.push(data[j]!);
    else if (data[j - 1] !== C_SP) out.push(C_SP);
  }
  return Uint8Array.from(out);
}

function linkEndsWithEntity(data: Uint8Array, linkEnd: number): boolean {
  const s = dec.decode(data.subarray(0, linkEnd));
  let last: RegExpExecArray | null = null;
  HTML_ENTITY_RE.lastIndex = 0;
  for (let m = HTML_ENTITY_RE.exec(s); m; m = HTML_ENTITY_RE.exec(s)) last = m;
  return last !== null && enc.encode(s.slice(0, last.index + last[0].length)).length === linkEnd;
}

function isSafeLink(link: Uint8Array): boolean {
  for (const path of ['/', './', '../']) {
    if (link.length >= path.length && startsWithBytes(link, path)) {
      if (link.length === path.length || isAlnum(link[path.length]!)) return true;
    }
  }
  for (const prefix of ['http://', 'https://', 'ftp://', 'mailto://']) {
    if (link.length > prefix.length && startsWithBytes(lowerAscii(link.subarray(0, prefix.length)), prefix) && isAlnum(link[prefix.length]!)) {
      return true;
    }
  }
  return false;
}

function lowerAscii(s: Uint8Array): Uint8Array {
  return s.map((c) => (c >= 65 && c <= 90 ? c + 32 : c));
}

// ---------------------------------------------------------------------------------------------
// Rendering (gomarkdown's html.Renderer with no flags) and plain text (mdtoc's asText)

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  rarr: '\u2192',
  larr: '\u2190',
  times: '\u00d7',
};

/** html.UnescapeString for the entities headings realistically contain. */
function unescapeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});/g, (all, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(cp);
    }
    return NAMED_ENTITIES[body] ?? all;
  });
}

function escapeHTML(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else out += ch;
  }
  return out;
}

function escLink(b: Uint8Array): string {
  return escapeHTML(unescapeEntities(dec.decode(b)));
}

function render(nodes: readonly Node[], parentIsLink: boolean): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += parentIsLink ? escLink(n.lit) : escapeHTML(dec.decode(n.lit));
        break;
      case 'code':
        out += '<code>' + escapeHTML(dec.decode(n.lit)) + '</code>';
        break;
      case 'html':
        out += dec.decode(n.lit);
        break;
      case 'math':
        out += '<span class="math inline">\\(' + escapeHTML(dec.decode(n.lit)) + '\\)</span>';
        break;
      case 'br':
        out += '<br>\n';
        break;
      case 'emph':
        out += '<em>' + render(n.kids, false) + '</em>';
        break;
      case 'strong':
        out += '<strong>' + render(n.kids, false) + '</strong>';
        break;
      case 'del':
        out += '<del>' + render(n.kids, false) + '</del>';
        break;
      case 'link': {
        let open = '<a href="' + escLink(n.dest) + '"';
        if (n.title.length > 0) open += ' title="' + escapeHTML(dec.decode(n.title)) + '"';
        out += open + '>' + render(n.kids, true) + '</a>';
        break;
      }
      case 'image': {
        out += '<img src="' + escLink(n.dest) + '" alt="' + render(n.kids, false);
        if (n.title.length > 0) out += '" title="' + escapeHTML(dec.decode(n.title));
        out += '" />';
        break;
      }
    }
  }
  return out;
}

function plain(nodes: readonly Node[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'code') out += dec.decode(n.lit);
    else if ('kids' in n) out += plain(n.kids);
  }
  return out;
}

/** Go's strings.TrimSpace (Unicode White_Space, which unlike String.prototype.trim excludes U+FEFF). */
export function goTrimSpace(s: string): string {
  const ws = (c: number): boolean =>
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000;
  let a = 0;
  let b = s.length;
  while (a < b && ws(s.charCodeAt(a))) a++;
  while (b > a && ws(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

const MAX_INLINE_BYTES = 2000;

export interface RenderedHeading {
  /** the TOC label: the heading's inline content as gomarkdown renders it to HTML, trimmed */
  label: string;
  /** mdtoc's asText: text and code-span content, the input of the anchor */
  plainText: string;
}

/**
 * Renders a heading's text as mdtoc does. `lookupRef` resolves reference-style links (lower-cased
 * ids); it is only called when the heading contains one.
 */
export function renderHeading(headingText: string, lookupRef: (id: string) => ReferenceDefinition | undefined = () => undefined): RenderedHeading {
  const bytes = enc.encode(headingText);
  // gomarkdown's inline parser is quadratic on some inputs (a line of 100,000 '['). No real heading
  // comes near this size; past it we render the text literally rather than hang the server.
  if (bytes.length > MAX_INLINE_BYTES) return { label: goTrimSpace(escapeHTML(headingText)), plainText: headingText };
  const nodes: Node[] = [];
  new InlineParser((id) => lookupRef(id.toLowerCase())).inline(nodes, bytes);
  return { label: goTrimSpace(render(nodes, false)), plainText: plain(nodes) };
}

/** mdtoc's plain text of a heading (before anchor sanitising). */
export function headingPlainText(headingText: string, lookupRef?: (id: string) => ReferenceDefinition | undefined): string {
  return renderHeading(headingText, lookupRef).plainText;
}

// ---------------------------------------------------------------------------------------------
// The TOC

export interface TocEntry {
  heading: ScannedHeading;
  label: string;
  anchor: string;
  indent: number;
}

/**
 * The headings mdtoc sees: those after the closing tag. Without one, those after the first level-1
 * heading (where an inserted TOC would go), or all of them.
 */
export function tocHeadings(index: MarkdownIndex): ScannedHeading[] {
  const hs = index.headings();
  const close = findTocTags(index).close;
  // A heading that starts at the tag itself is mdtoc's too: it parses from the tag on, so the tag
  // and the text after it on that line can be a setext heading's text.
  if (close) return hs.filter((h) => h.line > close.line || (h.line === close.line && h.column >= close.character));
  const h1 = hs.findIndex((h) => h.level === 1);
  return h1 >= 0 ? hs.slice(h1 + 1) : hs.slice();
}

interface Cached {
  version: number;
  maxDepth: number;
  /** The headings the entries were made from, and the definitions they were rendered with. */
  headings: readonly ScannedHeading[];
  definitionsVersion: number;
  entries: TocEntry[];
  toc?: string;
  /** The text the fix writes between the tags (a large text on a long KEP). */
  replacement?: string;
}
const cache = new WeakMap<MarkdownIndex, Cached>();

/**
 * What stays valid across edits, so that an edit costs a walk over the headings rather than a parse
 * of the document: each heading text's rendering and anchor. A rendering that looked up a reference
 * definition is dropped when index.definitionsVersion says the definitions may have changed; the
 * definitions themselves (a full block parse) are collected only when such a heading needs them.
 */
interface Rendering {
  label: string;
  anchorBase: string;
}
interface Renderings {
  definitionsVersion: number;
  refs?: Map<string, ReferenceDefinition>;
  byText: Map<string, Rendering>;
  /** Texts whose rendering looked up a reference definition. */
  usedRefs: Set<string>;
  /** Labels no line could define: no line holds `[label]:` (a definition's label is on one line). */
  undefinable: Set<string>;
}
const renderings = new WeakMap<MarkdownIndex, Renderings>();

function renderingsOf(index: MarkdownIndex, headingCount: number): Renderings {
  let r = renderings.get(index);
  if (!r) {
    r = { definitionsVersion: index.definitionsVersion, byText: new Map(), usedRefs: new Set(), undefinable: new Set() };
    renderings.set(index, r);
  } else if (r.definitionsVersion !== index.definitionsVersion) {
    for (const text of r.usedRefs) r.byText.delete(text);
    r.usedRefs.clear();
    r.undefinable.clear();
    r.refs = undefined;
    r.definitionsVersion = index.definitionsVersion;
  }
  if (r.byText.size > 2 * headingCount + 1000) {
    // Texts of headings since edited away.
    r.byText.clear();
    r.usedRefs.clear();
  }
  return r;
}

/** Whether some line holds `[label]:` (case-insensitively), as a definition of `label` must. */
function mayDefineLabel(lines: readonly string[], label: string): boolean {
  const needle = '[' + label + ']:';
  for (const line of lines) {
    if (line.includes(']:') && line.toLowerCase().includes(needle)) return true;
  }
  return false;
}

export function tocEntries(index: MarkdownIndex, maxDepth = 5): TocEntry[] {
  const c = cache.get(index);
  if (c && c.version === index.version && c.maxDepth === maxDepth) return c.entries;
  const hs = tocHeadings(index);
  // The index replaces a heading object whenever its line is rescanned or moves: the same objects
  // in the same order make the same entries (typing in a paragraph leaves the TOC as it was).
  if (c && c.maxDepth === maxDepth && c.definitionsVersion === index.definitionsVersion && sameElements(c.headings, hs)) {
    c.version = index.version;
    return c.entries;
  }
  let base = Infinity;
  for (const h of hs) base = Math.min(base, h.level);
  const kept = renderingsOf(index, hs.length);
  let lookedUp = false;
  const lookup = (id: string): ReferenceDefinition | undefined => {
    lookedUp = true;
    if (!kept.refs) {
      // Headings such as '## Drawbacks [optional]' look up a label most documents never define:
      // a scan for its `[label]:` saves the block parse that would tell for sure.
      if (kept.undefinable.has(id)) return undefined;
      if (!mayDefineLabel(index.lines(), id)) {
        kept.undefinable.add(id);
        return undefined;
      }
      kept.refs = collectReferenceDefinitions(index.lines());
    }
    return kept.refs.get(id);
  };
  const anchors = new AnchorCounter();
  const entries: TocEntry[] = [];
  for (const h of hs) {
    if (maxDepth > 0 && h.level > maxDepth) continue;
    let r = kept.byText.get(h.text);
    if (!r) {
      lookedUp = false;
      const rendered = renderHeading(h.text, lookup);
      r = { label: rendered.label, anchorBase: tocAnchor(rendered.plainText) };
      kept.byText.set(h.text, r);
      if (lookedUp) kept.usedRefs.add(h.text);
    }
    entries.push({ heading: h, label: r.label, anchor: anchors.next(r.anchorBase), indent: h.level - base });
  }
  cache.set(index, { version: index.version, maxDepth, headings: hs, definitionsVersion: index.definitionsVersion, entries });
  return entries;
}

/** The TOC mdtoc would write: entry lines joined with '\n', no trailing newline. */
export function generateToc(index: MarkdownIndex, maxDepth = 5): string {
  const entries = tocEntries(index, maxDepth);
  const c = cache.get(index)!;
  c.toc ??= entries.map((e) => '  '.repeat(e.indent) + '- [' + e.label + '](#' + e.anchor + ')').join('\n');
  return c.toc;
}

/**
 * The text between the tags. mdtoc compares bytes, so by default each line keeps the line break it
 * is written with; `lf` joins the lines with '\n' instead, to tell line endings from content.
 */
function existingToc(index: MarkdownIndex, tags: TocTags, lf = false): string {
  const open = tags.open!;
  const close = tags.close!;
  const from = open.character + OPEN_TAG.length;
  if (open.line === close.line) return index.line(open.line).slice(from, close.character);
  let text = index.line(open.line).slice(from);
  for (let l = open.line + 1; l <= close.line; l++) {
    text += lf ? '\n' : index.terminator(l - 1);
    text += l < close.line ? index.line(l) : index.line(l).slice(0, close.character);
  }
  return text;
}

/** The last comparison per index: the generated TOC, the lines between the tags, and the verdict. */
interface Comparison {
  toc: string;
  openLine: number;
  openCharacter: number;
  closeCharacter: number;
  block: string[];
  /** The line breaks inside the block, which decide the verdict as much as the lines do. */
  breaks: string[];
  upToDate: boolean;
}
const comparisons = new WeakMap<MarkdownIndex, Comparison>();

/**
 * mdtoc --dryrun: TrimSpace(existing between the tags) == TrimSpace(generated), byte for byte. The
 * generated TOC joins its entries with '\n' whatever the document uses, so a TOC of two or more
 * entries written with CRLF line breaks is stale to mdtoc even when every entry is right.
 */
export function isTocUpToDate(index: MarkdownIndex, maxDepth = 5): boolean {
  const tags = findTocTags(index);
  if (tags.error) return false;
  const toc = generateToc(index, maxDepth);
  const open = tags.open!;
  const close = tags.close!;
  const last = comparisons.get(index);
  // Comparing line by line with the last check costs far less than joining and trimming the block.
  if (
    last &&
    last.toc === toc &&
    last.openLine === open.line &&
    last.openCharacter === open.character &&
    last.closeCharacter === close.character &&
    last.block.length === close.line - open.line + 1 &&
    last.block.every((line, i) => line === index.line(open.line + i)) &&
    last.breaks.every((lineBreak, i) => lineBreak === index.terminator(open.line + i))
  ) {
    return last.upToDate;
  }
  const upToDate = goTrimSpace(existingToc(index, tags)) === goTrimSpace(toc);
  const block: string[] = [];
  const breaks: string[] = [];
  for (let l = open.line; l <= close.line; l++) block.push(index.line(l));
  for (let l = open.line; l < close.line; l++) breaks.push(index.terminator(l));
  comparisons.set(index, { toc, openLine: open.line, openCharacter: open.character, closeCharacter: close.character, block, breaks, upToDate });
  return upToDate;
}

/**
 * Whether the TOC is stale to mdtoc only because of its line breaks: with '\n' between its lines it
 * would be up to date. The usual cause is a file checked out or saved with CRLF line endings.
 */
export function isTocStaleOnlyByLineEnds(index: MarkdownIndex, maxDepth = 5): boolean {
  if (isTocUpToDate(index, maxDepth)) return false;
  const tags = findTocTags(index);
  if (tags.error) return false;
  return goTrimSpace(existingToc(index, tags, true)) === goTrimSpace(generateToc(index, maxDepth));
}

/**
 * What `mdtoc --inplace` writes between the tags: '\n', then each entry followed by '\n'. Always LF,
 * also in a CRLF document, because mdtoc compares bytes and LF is all it accepts there; an editor
 * that keeps one line ending per file turns it into CRLF, and the toc rule then says why mdtoc
 * still objects.
 */
function replacementText(index: MarkdownIndex, toc: string): string {
  const c = cache.get(index)!; // generateToc filled it
  c.replacement ??= toc === '' ? '\n' : '\n' + toc + '\n';
  return c.replacement;
}

/** The edit that makes the TOC up to date (byte for byte what `mdtoc --inplace` writes), or undefined. */
export function tocReplacement(
  index: MarkdownIndex,
  maxDepth = 5,
): { startLine: number; startCharacter: number; endLine: number; endCharacter: number; newText: string } | undefined {
  const tags = findTocTags(index);
  if (tags.error) return undefined;
  if (isTocUpToDate(index, maxDepth)) return undefined;
  const toc = generateToc(index, maxDepth);
  const open = tags.open!;
  const close = tags.close!;
  return {
    startLine: open.line,
    startCharacter: open.character + OPEN_TAG.length,
    endLine: close.line,
    endCharacter: close.character,
    newText: replacementText(index, toc),
  };
}

export { CLOSE_TAG, OPEN_TAG };
