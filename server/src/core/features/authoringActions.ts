// Code actions that act on the whole KEP or on a selection rather than on one finding: insert
// every missing template section, remove every leftover template comment, wrap a selection in
// an UNRESOLVED block.
import { comparePositions, range, type Position, type Range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';
import type { Finding, TextChange } from '../rules/rule';

export type AuthoringActionKind = 'source' | 'refactor.rewrite';

export interface AuthoringAction {
  title: string;
  kind: AuthoringActionKind;
  changes: TextChange[];
  /** As Fix.updatesToc: the changes move headings, and the TOC follows when the action is applied. */
  updatesToc?: boolean;
}

export const INSERT_ALL_MISSING_TITLE = 'Insert all missing template sections';
export const REMOVE_ALL_COMMENTS_TITLE = 'Remove all template comments';
export const WRAP_UNRESOLVED_TITLE = 'Wrap in an UNRESOLVED block';

/** A comment alone on its lines is removed with its lines, so no blank lines pile up. */
function wholeLines(ctx: KepContext, r: Range): Range {
  const { index } = ctx;
  const before = index.line(r.start.line).slice(0, r.start.character);
  const after = index.line(r.end.line).slice(r.end.character);
  if (before.trim() || after.trim() || r.end.line + 1 >= index.lineCount) return r;
  return range(r.start.line, 0, r.end.line + 1, 0);
}

/**
 * The selection inside the document with its start first: a client may send a reversed range, or
 * positions before the start or past the end, and an edit must never land outside the text.
 */
function selectionInDocument(ctx: KepContext, selection: Range): Range {
  const last = ctx.index.lineCount - 1;
  const whole = (n: number) => (Number.isFinite(n) ? Math.trunc(n) : 0);
  const clamp = (p: Position): Position => {
    const line = whole(p.line);
    if (line < 0) return { line: 0, character: 0 };
    if (line > last) return { line: last, character: ctx.index.line(last).length };
    return { line, character: Math.min(Math.max(whole(p.character), 0), ctx.index.line(line).length) };
  };
  const start = clamp(selection.start);
  const end = clamp(selection.end);
  return comparePositions(start, end) <= 0 ? { start, end } : { start: end, end: start };
}

export function authoringActions(ctx: KepContext, findings: readonly Finding[], selection: Range): AuthoringAction[] {
  const actions: AuthoringAction[] = [];
  const missing = findings.filter((f) => f.rule === 'missing-section' && f.fix);
  if (missing.length > 1) {
    // Same-position inserts apply in array order, and findings come in template order.
    actions.push({ title: INSERT_ALL_MISSING_TITLE, kind: 'source', changes: missing.flatMap((f) => f.fix!.changes), updatesToc: true });
  }
  const comments = findings.filter((f) => f.rule === 'template-comment');
  if (comments.length > 1) {
    actions.push({ title: REMOVE_ALL_COMMENTS_TITLE, kind: 'source', changes: comments.map((f) => ({ range: wholeLines(ctx, f.range), newText: '' })) });
  }
  const { start, end } = selectionInDocument(ctx, selection);
  if (start.line !== end.line || start.character !== end.character) {
    const eol = ctx.index.eol;
    const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    const lastEnd = ctx.index.line(lastLine).length;
    actions.push({
      title: WRAP_UNRESOLVED_TITLE,
      kind: 'refactor.rewrite',
      changes: [
        { range: range(start.line, 0, start.line, 0), newText: `<<[UNRESOLVED ]>>${eol}` },
        { range: range(lastLine, lastEnd, lastLine, lastEnd), newText: `${eol}<<[/UNRESOLVED]>>` },
      ],
    });
  }
  return actions;
}
