/**
 * The incremental line index of a Markdown document: its lines and the headings mdtoc would see, kept
 * up to date edit by edit without re-scanning the document.
 *
 * INVARIANT (checked by the property test in test/unit/markdownIndex.test.ts): after any sequence of
 * edits, lines(), headings() and checkpoints() equal those of MarkdownIndex.fromText(getText()).
 * It rests on the scanner's checkpoint contract (headingScanner.ts): rescanning from a stored
 * checkpoint at or before the first edited line reproduces the full scan, and once the rescan reaches
 * an unedited line in the same state as before, everything after it is unchanged apart from the line
 * shift.
 *
 * The same contract keeps `definitionsVersion` sound: link reference definitions (`[id]: url`) and the
 * TOC close tag that decides which of them count are found by the same block parse, so an edit can
 * change them only through the lines it removed or the lines its rescan visited; when none of those
 * holds a `]:` or a close tag, the definitions a full parse would collect are the same as before.
 */
import { partitionPoint } from '../text/arrays';
import { emptyTally, tallyLine, type InputTally } from '../text/limits';
import { INITIAL_SCAN_STATE, RESUME_FAILED, findCloseTocTag, isConditionalState, scanHeadings, type ScanState, type ScannedHeading } from './headingScanner';

/** 0-based, LSP semantics (characters are UTF-16 code units). */
export interface TextEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

export interface Checkpoint {
  line: number;
  state: ScanState;
}

const BOM = '\uFEFF';

/** Splits on \r\n, \n and \r; terms[i] is the terminator after lines[i] ('' for the last line). */
function splitLines(text: string, lines: string[], terms: string[]): void {
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(start, i));
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) {
        terms.push('\r\n');
        i++;
      } else {
        terms.push(c === 13 ? '\r' : '\n');
      }
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  terms.push('');
}

/** A line that may hold (part of) a link reference definition's `[id]:`, or the TOC close tag. */
function mayDefine(line: string): boolean {
  return line.includes(']:') || findCloseTocTag(line) >= 0;
}

/**
 * Puts back the old object of each rescanned heading that neither the edit touched nor moved and
 * that came out the same: caches keyed by heading objects (section tree, TOC entries, findings)
 * then survive an edit to the paragraph below a heading, whose rescan starts at that heading.
 * old[from, to) are the headings the rescan replaced, in old line numbers.
 */
function keepUnchangedHeadings(
  scanned: ScannedHeading[],
  old: readonly ScannedHeading[],
  from: number,
  to: number,
  editFrom: number,
  editTo: number,
  delta: number,
): void {
  let k = from;
  for (let i = 0; i < scanned.length; i++) {
    const h = scanned[i]!;
    const before = h.endLine < editFrom;
    if (!before && !(h.line >= editTo && delta === 0)) continue;
    while (k < to && old[k]!.line < h.line) k++;
    const o = old[k];
    if (
      k < to &&
      o &&
      o.line === h.line &&
      o.endLine === h.endLine &&
      o.level === h.level &&
      o.column === h.column &&
      o.text === h.text &&
      o.setext === h.setext
    ) {
      scanned[i] = o;
    }
  }
}

/** Array.prototype.splice without spreading `items` into arguments (a pasted 100,000-line text would
 * overflow the call stack). */
function spliceInto<T>(arr: T[], start: number, deleteCount: number, items: readonly T[]): void {
  if (items.length < 10000) {
    arr.splice(start, deleteCount, ...items);
    return;
  }
  const tail = arr.slice(start + deleteCount);
  arr.length = start;
  for (const x of items) arr.push(x);
  for (const x of tail) arr.push(x);
}

function shifted(h: ScannedHeading, delta: number): ScannedHeading {
  return { ...h, line: h.line + delta, endLine: h.endLine + delta };
}

export class MarkdownIndex {
  private _lines: string[] = [];
  private terms: string[] = [];
  /** checkpoint lines and states, parallel arrays sorted by line */
  private cpLine: number[] = [];
  private cpState: ScanState[] = [];
  private _headings: ScannedHeading[] = [];
  private text: string | undefined;
  private termCount = { crlf: 0, lf: 0, cr: 0 };
  private _version = 0;
  private tally: InputTally = emptyTally();
  private _definitionsVersion = 0;

  /** the document's dominant line terminator, for generated text */
  eol = '\n';
  /** a leading U+FEFF was stripped from line 0; getText() puts it back */
  hasBom = false;
  /**
   * The lines the last edit replaced: old lines [from, oldTo) became new lines [from, newTo); every
   * other line is the same string as before, moved by newTo - oldTo if it came after. `version` is
   * the version that edit produced.
   */
  lastEdit: { version: number; from: number; oldTo: number; newTo: number } | undefined;
  /** for tests/benchmarks: lines rescanned by the last edit (new line numbers, `to` exclusive) */
  lastRescan: { from: number; to: number } = { from: 0, to: 0 };

  private constructor() {}

  static fromText(text: string): MarkdownIndex {
    const index = new MarkdownIndex();
    if (text.charCodeAt(0) === 0xfeff) {
      index.hasBom = true;
      text = text.slice(1);
    }
    splitLines(text, index._lines, index.terms);
    for (const t of index.terms) index.countTerm(t, 1);
    for (const line of index._lines) tallyLine(index.tally, line, 1);
    index.updateEol();
    index.fullScan();
    index.lastRescan = { from: 0, to: index._lines.length };
    return index;
  }

  /** increments on each edit */
  get version(): number {
    return this._version;
  }

  /**
   * Changes whenever an edit may have changed the link reference definitions of the document (see
   * the contract above); a cache of them keyed by this stays valid while it stays the same.
   */
  get definitionsVersion(): number {
    return this._definitionsVersion;
  }

  get lineCount(): number {
    return this._lines.length;
  }

  line(i: number): string {
    return this._lines[i] ?? '';
  }

  lines(): readonly string[] {
    return this._lines;
  }

  /** The line break after line i as written ('\r\n', '\n' or '\r'; '' after the last line). */
  terminator(i: number): string {
    return this.terms[i] ?? '';
  }

  /** Characters of the text, each line break counting one (a stripped BOM not counted). */
  charCount(): number {
    return this.tally.chars + this._lines.length - 1;
  }

  /** Counts for the input limits (size, junk characters, list items), kept current edit by edit. */
  inputTally(): Readonly<InputTally> {
    return this.tally;
  }

  getText(): string {
    if (this.text === undefined) {
      const parts: string[] = [];
      if (this.hasBom) parts.push(BOM);
      const lines = this._lines;
      for (let i = 0; i < lines.length; i++) {
        parts.push(lines[i]!, this.terms[i]!);
      }
      this.text = parts.join('');
    }
    return this.text;
  }

  /** Headings in line order. The array is replaced, not mutated, by the next edit. */
  headings(): readonly ScannedHeading[] {
    return this._headings;
  }

  /** The scanner checkpoints the index keeps (for tests and diagnostics). */
  checkpoints(): Checkpoint[] {
    return this.cpLine.map((line, i) => ({ line, state: this.cpState[i]! }));
  }

  private countTerm(t: string, d: number): void {
    if (t === '\r\n') this.termCount.crlf += d;
    else if (t === '\n') this.termCount.lf += d;
    else if (t === '\r') this.termCount.cr += d;
  }

  private updateEol(): void {
    const { crlf, lf, cr } = this.termCount;
    this.eol = crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
  }

  private fullScan(): void {
    const cpLine: number[] = [];
    const cpState: ScanState[] = [];
    const headings: ScannedHeading[] = [];
    scanHeadings(this._lines, 0, INITIAL_SCAN_STATE, (e) => {
      if (e.kind === 'checkpoint') {
        cpLine.push(e.line);
        cpState.push(e.state);
      } else {
        headings.push(e.heading);
      }
    });
    this.cpLine = cpLine;
    this.cpState = cpState;
    this.replaceHeadings(headings);
  }

  private replaceHeadings(h: ScannedHeading[]): void {
    this._headings = h;
  }

  /** Clamps a position the way vscode-languageserver-textdocument's offsetAt does. */
  private clamp(line: number, character: number): { line: number; character: number } {
    const n = this._lines.length;
    if (!(line >= 0)) return { line: 0, character: 0 };
    if (line >= n) return { line: n - 1, character: this._lines[n - 1]!.length };
    line = Math.floor(line);
    const len = this._lines[line]!.length;
    if (!(character > 0)) return { line, character: 0 };
    return { line, character: Math.min(Math.floor(character), len) };
  }

  applyEdit(edit: TextEdit): void {
    let s = this.clamp(edit.startLine, edit.startCharacter);
    let e = this.clamp(edit.endLine, edit.endCharacter);
    if (s.line > e.line || (s.line === e.line && s.character > e.character)) [s, e] = [e, s];
    this._version++;
    this.text = undefined;

    const lines = this._lines;
    const terms = this.terms;
    let sL = s.line;
    const eL = e.line;
    let chunk = lines[sL]!.slice(0, s.character) + edit.text + lines[eL]!.slice(e.character) + terms[eL]!;
    // A '\r' ending the previous line and a '\n' starting the new text form one line break.
    if (sL > 0 && terms[sL - 1] === '\r' && chunk.charCodeAt(0) === 10) {
      sL--;
      chunk = lines[sL]! + '\r' + chunk;
    }
    const newLines: string[] = [];
    const newTerms: string[] = [];
    splitLines(chunk, newLines, newTerms);
    // splitLines always yields a final unterminated piece; when the chunk ends with the old line's
    // terminator that piece is empty and stands for the next old line, which is not replaced.
    if (terms[eL] !== '') {
      newLines.pop();
      newTerms.pop();
    }
    // An edit that makes the text start with a BOM: strip it as fromText does (positions never count it).
    if (!this.hasBom && sL === 0 && newLines[0]?.charCodeAt(0) === 0xfeff) {
      newLines[0] = newLines[0].slice(1);
      this.hasBom = true;
    }
    let definitionsMayChange = false;
    for (let i = sL; i <= eL && !definitionsMayChange; i++) definitionsMayChange = mayDefine(lines[i]!);
    for (let i = sL; i <= eL; i++) {
      this.countTerm(terms[i]!, -1);
      tallyLine(this.tally, lines[i]!, -1);
    }
    for (const t of newTerms) this.countTerm(t, 1);
    for (const line of newLines) tallyLine(this.tally, line, 1);
    this.updateEol();

    const oldCount = eL - sL + 1;
    const delta = newLines.length - oldCount;
    spliceInto(lines, sL, oldCount, newLines);
    this.lastEdit = { version: this._version, from: sL, oldTo: eL + 1, newTo: sL + newLines.length };
    spliceInto(terms, sL, oldCount, newTerms);
    this.rescan(sL, sL + newLines.length, delta);
    const { from, to } = this.lastRescan;
    for (let i = from; i < to && !definitionsMayChange; i++) definitionsMayChange = mayDefine(lines[i]!);
    if (definitionsMayChange) this._definitionsVersion++;
  }

  /**
   * Rescans after lines [editFrom, editTo) (new numbering) replaced old lines [editFrom, editTo-delta).
   */
  private rescan(editFrom: number, editTo: number, delta: number): void {
    const cpLine = this.cpLine;
    const cpState = this.cpState;
    // Last checkpoint strictly before the first edited line (there is always one at line 0): whether
    // the scanner puts a checkpoint on a line depends on that line's own text, so a checkpoint on
    // the edited line itself may have to go.
    let ri = partitionPoint(cpLine, (l) => l < editFrom) - 1;
    if (ri < 0) ri = 0;
    for (;;) {
      const result = this.rescanFrom(ri, editFrom, editTo, delta);
      if (result) return;
      // The scan resumed inside a construct that no longer closes: start again before it.
      do ri--;
      while (ri > 0 && isConditionalState(cpState[ri]!));
      if (ri < 0) ri = 0;
    }
  }

  /** Returns false if the resumed scan reported RESUME_FAILED. */
  private rescanFrom(ri: number, editFrom: number, editTo: number, delta: number): boolean {
    const cpLine = this.cpLine;
    const cpState = this.cpState;
    const startLine = cpLine.length > 0 ? cpLine[ri]! : 0;
    const startState = cpState.length > 0 ? cpState[ri]! : INITIAL_SCAN_STATE;
    const newCpLine: number[] = [];
    const newCpState: ScanState[] = [];
    const newHeadings: ScannedHeading[] = [];
    // old checkpoints are compared in old numbering; j walks them in step with the scan
    let j = ri;
    let stopNew = -1;
    let stopOld = -1;
    let failed = false;
    scanHeadings(this._lines, startLine, startState, (ev) => {
      if (ev.kind === 'heading') {
        newHeadings.push(ev.heading);
        return true;
      }
      if (ev.state === RESUME_FAILED) {
        failed = true;
        return false;
      }
      if (ev.line >= editTo) {
        const oldLine = ev.line - delta;
        while (j < cpLine.length && cpLine[j]! < oldLine) j++;
        if (j < cpLine.length && cpLine[j] === oldLine && cpState[j] === ev.state) {
          stopNew = ev.line;
          stopOld = oldLine;
          return false;
        }
      }
      newCpLine.push(ev.line);
      newCpState.push(ev.state);
      return true;
    });
    if (failed) return false;

    // splice checkpoints in place: old [ri, oldEnd) are replaced, the rest shift by delta
    const oldEnd = stopOld >= 0 ? j : cpLine.length;
    if (delta !== 0) for (let k = oldEnd; k < cpLine.length; k++) cpLine[k]! += delta;
    spliceInto(cpLine, ri, oldEnd - ri, newCpLine);
    spliceInto(cpState, ri, oldEnd - ri, newCpState);

    // splice headings the same way, by line
    const hs = this._headings;
    const hStart = partitionPoint(hs, (h) => h.line < startLine);
    const hEnd = stopOld >= 0 ? partitionPoint(hs, (h) => h.line < stopOld) : hs.length;
    keepUnchangedHeadings(newHeadings, hs, hStart, hEnd, editFrom, editTo, delta);
    const tail = delta === 0 ? hs.slice(hEnd) : hs.slice(hEnd).map((h) => shifted(h, delta));
    this.replaceHeadings(hs.slice(0, hStart).concat(newHeadings, tail));

    this.lastRescan = { from: startLine, to: stopNew >= 0 ? stopNew : this._lines.length };
    return true;
  }
}
