// Shared pieces of the fuzz tests: replayable fast-check parameters, a plain-string model of a
// document edited at LSP positions, and a check that every range an answer holds lies inside the
// document it is about.
import fc from 'fast-check';

/** FC_SEED (and FC_PATH) replay a failing run that fast-check reported. */
export const REPRODUCE = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

/**
 * The content (without terminator) and start offset of each line; '\r\n', '\n' and '\r' end a line.
 * A leading BOM belongs to no line: positions never count it, as in MarkdownIndex.
 */
export function linesOf(text: string): { content: string; start: number }[] {
  const out: { content: string; start: number }[] = [];
  const re = /\r\n|\n|\r/g;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ content: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ content: text.slice(start), start });
  return out;
}

export interface Spot {
  /** Where in the document, 0..1 of its lines. */
  at: number;
  character: number;
}

export const spotArb: fc.Arbitrary<Spot> = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), character: fc.nat(160) });

/** A position that exists in `text`: the line chosen by `spot.at`, the character cut to the line. */
export function positionIn(text: string, spot: Spot): { line: number; character: number } {
  const lines = linesOf(text);
  const line = Math.min(lines.length - 1, Math.floor(spot.at * lines.length));
  return { line, character: Math.min(spot.character, lines[line].content.length) };
}

export interface PlainEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

export const editArb = (pieces: fc.Arbitrary<string>): fc.Arbitrary<{ from: Spot; span: number; to: Spot; text: string }> =>
  fc.record({
    from: spotArb,
    span: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(4)),
    to: spotArb,
    text: fc.array(pieces, { maxLength: 4 }).map((p) => p.join('')),
  });

/** Turns a generated edit into one with valid positions in `text` (start before end). */
export function resolveEdit(text: string, e: { from: Spot; span: number; to: Spot; text: string }): PlainEdit {
  const lines = linesOf(text);
  const start = positionIn(text, e.from);
  const endLine = Math.min(lines.length - 1, start.line + e.span);
  const endCharacter =
    endLine === start.line
      ? Math.min(lines[endLine].content.length, start.character + (e.to.character % 12))
      : Math.min(e.to.character, lines[endLine].content.length);
  return { startLine: start.line, startCharacter: start.character, endLine, endCharacter, text: e.text };
}

/** `text` with the edit applied, computed on the string alone (the model the index must match). */
export function applyToString(text: string, edit: PlainEdit): string {
  const lines = linesOf(text);
  const from = lines[edit.startLine].start + edit.startCharacter;
  const to = lines[edit.endLine].start + edit.endCharacter;
  return text.slice(0, from) + edit.text + text.slice(to);
}

/**
 * Every range found anywhere in `answer` ({start, end} positions, or startLine/startCharacter/…
 * fields, or fold startLine/endLine) that does not lie inside `text`, described for a failure message.
 */
export function rangesOutside(text: string, answer: unknown): string[] {
  const lines = linesOf(text);
  const problems: string[] = [];
  const inside = (line: unknown, character: unknown) =>
    typeof line === 'number' &&
    typeof character === 'number' &&
    Number.isInteger(line) &&
    Number.isInteger(character) &&
    line >= 0 &&
    line < lines.length &&
    character >= 0 &&
    character <= lines[line].content.length;
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    const p = (x: unknown) => x as { line?: unknown; character?: unknown };
    if (o.start && o.end && typeof p(o.start).line === 'number') {
      if (!inside(p(o.start).line, p(o.start).character) || !inside(p(o.end).line, p(o.end).character)) problems.push(`${where}: ${JSON.stringify(o)}`);
    } else if (typeof o.startLine === 'number' && typeof o.startCharacter === 'number') {
      if (!inside(o.startLine, o.startCharacter) || !inside(o.endLine, o.endCharacter)) problems.push(`${where}: ${JSON.stringify(o)}`);
    } else if (typeof o.startLine === 'number' && typeof o.endLine === 'number') {
      if (!inside(o.startLine, 0) || !inside(o.endLine, 0) || o.startLine > o.endLine) problems.push(`${where}: ${JSON.stringify(o)}`);
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`);
  };
  walk(answer, 'answer');
  return problems;
}
