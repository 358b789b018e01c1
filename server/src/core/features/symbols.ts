// Hierarchical document symbols: one per heading, nested by level, with PRR questions under their
// PRR section. The detail tells the author at a glance whether a section is answered.
import type { Range } from '../text/positions';
import { range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';
import { normalizeComment } from '../markdown/htmlComments';

export type SectionState = 'filled' | 'empty' | 'template text left';

export interface SectionSymbol {
  name: string;
  detail: SectionState;
  level: number;
  range: Range;
  selectionRange: Range;
  children: SectionSymbol[];
}

export function sectionState(ctx: KepContext, sectionIndex: number): SectionState {
  const section = ctx.tree.sections[sectionIndex];
  const facts = ctx.facts(section);
  const guidance = ctx.template.guidanceComments;
  if (facts.placeholders.length || facts.comments.some((c) => guidance.has(normalizeComment(c.text)))) return 'template text left';
  if (facts.hasContent || section.children.some((c) => sectionState(ctx, c) !== 'empty')) return 'filled';
  return 'empty';
}

export function documentSymbols(ctx: KepContext): SectionSymbol[] {
  const { tree, index } = ctx;
  const build = (i: number): SectionSymbol => {
    const s = tree.sections[i];
    const last = Math.max(s.heading.line, s.subtreeEnd - 1);
    return {
      name: s.title || '(empty heading)',
      detail: sectionState(ctx, i),
      level: s.level,
      range: range(s.heading.line, 0, last, index.line(last).length),
      selectionRange: range(s.heading.line, s.heading.column, s.heading.line, index.line(s.heading.line).length),
      children: s.children.map(build),
    };
  };
  return tree.sections.filter((s) => s.parent < 0).map((s) => build(s.index));
}
