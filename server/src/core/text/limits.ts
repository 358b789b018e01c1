// How much input the analysis takes on, decided once here for the server, kep-lint and the tests.
// Above these limits the tools skip the expensive analysis and say so in one finding, so that no
// file (a pasted log, a generated table, random bytes saved as README.md) can make the editor hang.
//
// The figures were measured on a busy 2-core machine (see README "Limits"):
// - remark parses a KEP README of real text at about 1.5 s per MB (prose with links, code and
//   comments: up to 4 s per MB) for its first analysis; later edits re-parse one chunk. The largest
//   sample README is 141 KiB and the benchmark edits a 1 MB concatenation of sample KEPs; both stay
//   well inside MAX_README_CHARS.
// - remark's container parsing grows with nesting: 1,000 list items nested by indentation (1 MB)
//   take a minute, and `- ` written 10,000 times on one line (20 KB) as long. No sample list line
//   nests deeper than 9 levels, so a chunk with a line nested deeper than MAX_LINE_NESTING is not
//   parsed at all.
// - List items cost remark about 85 µs each (prose about 1.5 to 4 µs a character), so a README made
//   of nothing but list items is the slowest input under the limits (see README "Limits").
// - A kep.yaml of 0.5 MB of small mappings takes about 1.4 s to read; real ones are a few KB.
// No IO here: callers pass the text (or, for files too large to read, their size).

/** KEP READMEs up to this many characters (UTF-16 code units, as the editor counts) are analysed fully. */
export const MAX_README_CHARS = 1.5 * 1024 * 1024;

/**
 * KEP READMEs with more list items than this are not analysed: remark spends 85 to 150 µs on each.
 * The sample's READMEs have at most 378, the 1 MB concatenation about 5,000.
 */
export const MAX_README_LIST_ITEMS = 20_000;

/**
 * KEP READMEs with more headings than this are not analysed: every edit rebuilds the section tree,
 * the template match and the TOC, and each heading can carry findings that are sent on every
 * keystroke. The sample's READMEs have at most 112; 140,000 `## Summary` lines fit in the size limit.
 */
export const MAX_README_HEADINGS = 5_000;

/** kep.yaml and production readiness approval files up to this many characters are analysed. */
export const MAX_METADATA_CHARS = 256 * 1024;

/**
 * A body chunk with a list or quote line nested deeper than this (its markers, plus one level per two
 * columns of indentation) is not parsed with remark: its facts would cost seconds to minutes to
 * compute. The sample's deepest such line is 9.
 */
export const MAX_LINE_NESTING = 32;

/**
 * A body chunk (text between blank lines, see bodyFacts.ts) longer than this is not parsed with
 * remark: the sample's largest chunk is 17 KB, and 256 KB of list items alone take about 3 s.
 */
export const MAX_CHUNK_CHARS = 256 * 1024;

/**
 * A body chunk that must be searched for the template's example test links (`[test name](…)`) is
 * parsed for links only while it holds at most this many `[` and `]`: link parsing costs time
 * quadratic in a paragraph's brackets (100 KB of `[a][` took 7.8 s). The sample's such chunks hold
 * at most 7.
 */
export const MAX_LINK_BRACKETS = 64;

/**
 * A body chunk that must be searched for comments and UNRESOLVED markers outside code is parsed for
 * code spans and inline HTML only while it holds at most this many `[`, `]`, backticks and `<`
 * (links are never parsed there). The sample's such chunks hold at most 72.
 */
export const MAX_INLINE_OPENERS = 2048;

/** Text with a NUL this early is binary, as git decides it (it looks at the first 8,000 bytes). */
const BINARY_PROBE_CHARS = 8000;

/** Share of characters that are control characters or U+FFFD (bytes that are not UTF-8) in binary data. */
const MAX_JUNK_SHARE = 0.01;

export type InputProblem =
  | { kind: 'too-large'; size: number; limit: number; unit: 'characters' | 'bytes' }
  | { kind: 'too-many-list-items'; count: number; limit: number }
  | { kind: 'too-many-headings'; count: number; limit: number }
  | { kind: 'not-text'; junk: number; firstJunkLine: number; firstJunkCharacter: number };

/** A C0 control other than tab, LF, VT, FF and CR; DEL; or the replacement character U+FFFD. */
function isJunk(code: number): boolean {
  return (code < 32 && code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13) || code === 127 || code === 0xfffd;
}

/**
 * Whether a text is something other than text: a NUL among its first 8,000 characters, or more than
 * 1% (and at least 16) control characters and U+FFFD (what invalid UTF-8 decodes to). A stray
 * control character in a real README stays an ordinary character.
 */
export function notTextProblem(lines: readonly string[]): InputProblem | undefined {
  let junk = 0;
  let chars = 0;
  let first: { line: number; character: number } | undefined;
  let nulEarly = false;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      if (!isJunk(code)) continue;
      junk++;
      first ??= { line: l, character: i };
      if (code === 0 && chars + i < BINARY_PROBE_CHARS) nulEarly = true;
    }
    chars += line.length + 1;
  }
  if (!first || !(nulEarly || (junk >= 16 && junk > chars * MAX_JUNK_SHARE))) return undefined;
  return { kind: 'not-text', junk, firstJunkLine: first.line, firstJunkCharacter: first.character };
}

/**
 * What the input checks count, summed over lines: characters (line breaks not included), control
 * characters and U+FFFD, and lines that start a list item. A document kept as an index updates it
 * line by line on each edit, so the checks below cost nothing in proportion to the document.
 */
export interface InputTally {
  chars: number;
  junk: number;
  listItems: number;
}

export function emptyTally(): InputTally {
  return { chars: 0, junk: 0, listItems: 0 };
}

/** Adds (sign 1) or removes (sign -1) one line's counts. */
export function tallyLine(tally: InputTally, line: string, sign: 1 | -1): void {
  tally.chars += sign * line.length;
  let junk = 0;
  for (let i = 0; i < line.length; i++) if (isJunk(line.charCodeAt(i))) junk++;
  tally.junk += sign * junk;
  if (isListItemLine(line)) tally.listItems += sign;
}

/**
 * Why a README cannot be analysed fully (size, not text, list items, headings), or undefined, from its tally:
 * only a NUL among the first 8,000 characters, and where the first junk character is, need the lines.
 */
export function readmeTallyProblem(tally: InputTally, lines: readonly string[], headings = 0): InputProblem | undefined {
  const size = tally.chars + lines.length - 1;
  if (size > MAX_README_CHARS) return { kind: 'too-large', size, limit: MAX_README_CHARS, unit: 'characters' };
  if (tally.junk > 0 && (hasEarlyNul(lines) || (tally.junk >= 16 && tally.junk > (tally.chars + lines.length) * MAX_JUNK_SHARE))) {
    return notTextProblem(lines);
  }
  if (tally.listItems > MAX_README_LIST_ITEMS) return { kind: 'too-many-list-items', count: tally.listItems, limit: MAX_README_LIST_ITEMS };
  if (headings > MAX_README_HEADINGS) return { kind: 'too-many-headings', count: headings, limit: MAX_README_HEADINGS };
  return undefined;
}

function hasEarlyNul(lines: readonly string[]): boolean {
  let chars = 0;
  for (let l = 0; l < lines.length && chars < BINARY_PROBE_CHARS; l++) {
    const nul = lines[l].indexOf('\0');
    if (nul >= 0 && chars + nul < BINARY_PROBE_CHARS) return true;
    chars += lines[l].length + 1;
  }
  return false;
}

/** Characters of a document held as lines, counting one per line break. */
export function charCount(lines: readonly string[]): number {
  let n = lines.length - 1;
  for (const line of lines) n += line.length;
  return n;
}

/** What keeps a text from full analysis: its size, or that it is not text; undefined when it is fine. */
export function inputProblem(lines: readonly string[], limit: number): InputProblem | undefined {
  const size = charCount(lines);
  if (size > limit) return { kind: 'too-large', size, limit, unit: 'characters' };
  return notTextProblem(lines);
}

/** Whether a line starts a list item: optional blanks, then `-`, `*`, `+` or `1.`/`1)` and a blank or its end. */
export function isListItemLine(line: string): boolean {
  let i = 0;
  const n = line.length;
  while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  let end = i + 1;
  if (c >= 48 && c <= 57) {
    while (end < n && end - i < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    const d = line.charCodeAt(end);
    if (d !== 46 && d !== 41) return false;
    end++;
  } else if (c !== 45 && c !== 42 && c !== 43) return false;
  return end === n || line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9;
}

/** Splits a text at \r\n, \n and \r, for the checks above. */
export function splitAllLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * How deeply a list or quote line nests containers for a CommonMark parser: the list and block-quote
 * markers at its start, plus one level per two columns of indentation before them (a tab counts
 * four). A line without a marker (prose, indented code) opens nothing: 0.
 */
export function lineNesting(line: string): number {
  let markers = 0;
  let columns = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32) {
      columns++;
      i++;
    } else if (c === 9) {
      columns += 4;
      i++;
    } else if (c === 62 /* > */) {
      markers++;
      i++;
    } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && (i + 1 === n || line.charCodeAt(i + 1) === 32 || line.charCodeAt(i + 1) === 9)) {
      markers++;
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < n && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      const d = line.charCodeAt(j);
      if ((d === 46 || d === 41) /* . ) */ && (j + 1 === n || line.charCodeAt(j + 1) === 32 || line.charCodeAt(j + 1) === 9)) {
        markers++;
        i = j + 1;
      } else break;
    } else break;
    // Cheap exit: nothing beyond the limit matters.
    if (markers + (columns >> 1) > MAX_LINE_NESTING && markers) break;
  }
  return markers ? markers + (columns >> 1) : 0;
}

/** Formats a count with thousands separators, the same in every locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
