// Folding ranges: sections (heading to the end of the subtree), multi-line HTML comments and
// UNRESOLVED blocks.
import type { KepContext } from '../kep/kepContext';
import { pairMarkers } from '../rules/unresolved';

export interface Fold {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

export function foldingRanges(ctx: KepContext): Fold[] {
  const folds: Fold[] = [];
  const { tree, index } = ctx;
  for (const s of tree.sections) {
    let end = s.subtreeEnd - 1;
    while (end > s.heading.line && index.line(end).trim() === '') end--;
    if (end > s.heading.line) folds.push({ startLine: s.heading.line, endLine: end, kind: 'region' });
  }
  for (const facts of ctx.allFacts()) {
    for (const c of facts.comments) if (c.endLine > c.line) folds.push({ startLine: c.line, endLine: c.endLine, kind: 'comment' });
  }
  for (const block of pairMarkers(ctx).blocks) {
    if (block.close.line > block.open.line) folds.push({ startLine: block.open.line, endLine: block.close.line, kind: 'region' });
  }
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
