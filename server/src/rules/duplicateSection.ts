// A template section written twice at the same level.
import { lineRange } from '../model/positions';
import type { Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  defaultSeverity: 'warning',
  description: 'A template section appears more than once.',
  structural: true,
  check(ctx) {
    return ctx.match.duplicates.map(({ section, primary }) => {
      const s = ctx.tree.sections[section];
      const first = ctx.tree.sections[primary];
      return {
        range: lineRange(s.heading.line, ctx.index.line(s.heading.line)),
        message: `'${s.title}' appears again; the template has it once (first at line ${first.heading.line + 1}). Merge the two or rename this one.`,
      };
    });
  },
};
