// The text a set of edits leaves, computed in memory: a fix that moves headings needs the document
// after its edits to know what the table of contents must then say.
import type { Position, Range } from './positions';

/** Where each line starts, breaking lines on '\r\n', '\n' and '\r' as MarkdownIndex does. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position, clamped into the text as an LSP client clamps it. */
export function offsetAt(text: string, starts: readonly number[], p: Position): number {
  if (p.line < 0) return 0;
  if (p.line >= starts.length) return text.length;
  const start = starts[p.line]!;
  let end = p.line + 1 < starts.length ? starts[p.line + 1]! : text.length;
  // A position never lands inside or after its line's break.
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + Math.max(0, p.character), end);
}

/**
 * `text` with the edits applied. Ranges are positions in `text`, as in one LSP edit: they must not
 * overlap, and inserts at the same place apply in array order.
 */
export function applyChanges(text: string, changes: readonly { range: Range; newText: string }[]): string {
  const starts = lineStarts(text);
  const spans = changes
    .map((c, order) => {
      const a = offsetAt(text, starts, c.range.start);
      const b = offsetAt(text, starts, c.range.end);
      return { from: Math.min(a, b), to: Math.max(a, b), newText: c.newText, order };
    })
    .sort((a, b) => a.from - b.from || a.order - b.order);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.from) + s.newText;
    at = Math.max(at, s.to);
  }
  return out + text.slice(at);
}
