// Fixes that add, rename or re-level headings change what the table of contents must list. Applied
// as they are, each would leave a stale TOC, an error of its own. Their changes therefore carry one
// more: the TOC block rewritten for the document as it will be after them.
//
// Computing that parses the changed document, so it is done only when a fix is about to be offered
// for applying (a code action), never for each finding of an analysis: kep-lint and the
// diagnostics never pay for it.
import { applyChanges, lineStarts, offsetAt } from '../text/applyChanges';
import { range, type Position } from '../text/positions';
import { MarkdownIndex } from '../markdown/markdownIndex';
import { CLOSE_TAG, findTocTags, OPEN_TAG, tocReplacement } from '../markdown/toc';
import type { Fix, TextChange } from '../rules/rule';

/**
 * `changes`, and after them the edit that brings the TOC up to date with the document they leave.
 * Only the changes when the document has no pair of TOC tags, when the TOC will be right anyway,
 * or when a change touches the TOC block itself (an edit there and ours would overlap).
 */
export function withTocUpdate(index: MarkdownIndex, changes: readonly TextChange[]): TextChange[] {
  // An editor asks for code actions again at each move of the cursor; while the text stays the
  // same, so does the answer, and a parse of a long KEP costs some 15 ms.
  const key = changes.map((c) => `${c.range.start.line}:${c.range.start.character}-${c.range.end.line}:${c.range.end.character}:${c.newText}`).join('\u0000');
  let known = answers.get(index);
  if (known?.version !== index.version) {
    known = { version: index.version, byChanges: new Map() };
    answers.set(index, known);
  }
  let answer = known.byChanges.get(key);
  if (!answer) {
    answer = computeWithToc(index, changes);
    if (known.byChanges.size >= MAX_ANSWERS) known.byChanges.clear();
    known.byChanges.set(key, answer);
  }
  return [...answer];
}

/** Answers for the current text of each document, by the changes asked about. */
const answers = new WeakMap<MarkdownIndex, { version: number; byChanges: Map<string, readonly TextChange[]> }>();
const MAX_ANSWERS = 64;

function computeWithToc(index: MarkdownIndex, changes: readonly TextChange[]): TextChange[] {
  const tags = findTocTags(index);
  if (tags.error || changes.length === 0) return [...changes];
  const text = index.hasBom ? index.getText().slice(1) : index.getText();
  const starts = lineStarts(text);
  const at = (p: Position) => offsetAt(text, starts, p);
  const blockStart = at(tags.open!);
  const closeAt = at(tags.close!);
  const blockEnd = closeAt + CLOSE_TAG.length;
  let shift = 0;
  for (const c of changes) {
    const from = Math.min(at(c.range.start), at(c.range.end));
    const to = Math.max(at(c.range.start), at(c.range.end));
    if (to <= blockStart) shift += c.newText.length - (to - from);
    else if (from < blockEnd) return [...changes];
  }
  const after = MarkdownIndex.fromText(applyChanges(text, changes));
  // The TOC the changes leave must be the one we rewrite: text they add could hold a tag of its own.
  const moved = findTocTags(after);
  if (moved.error) return [...changes];
  const afterText = after.getText();
  const afterStarts = lineStarts(afterText);
  if (offsetAt(afterText, afterStarts, moved.open!) !== blockStart + shift || offsetAt(afterText, afterStarts, moved.close!) !== closeAt + shift) {
    return [...changes];
  }
  const edit = tocReplacement(after);
  if (!edit) return [...changes];
  const open = tags.open!;
  const close = tags.close!;
  // The same text between the same tags, written in the coordinates of the document before the changes.
  return [...changes, { range: range(open.line, open.character + OPEN_TAG.length, close.line, close.character), newText: edit.newText }];
}

/** The changes that applying `fix` makes: its own, with the TOC brought along when the fix asks for it. */
export function fixChanges(index: MarkdownIndex, fix: Fix): TextChange[] {
  return fix.updatesToc ? withTocUpdate(index, fix.changes) : [...fix.changes];
}
