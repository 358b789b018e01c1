// A template section written twice at the same level.
import type { ScannedHeading } from '../model/headingScanner';
import { lineRange } from '../model/positions';
import type { Rule, RuleFinding } from './rule';

/**
 * The finding per repeated heading, while that heading and the first one are the same objects: the
 * index replaces a heading object whenever its lines are rescanned or move, so an unchanged pair
 * means an unchanged finding, and an edit elsewhere in a long KEP does not rebuild every message.
 */
const byHeading = new WeakMap<ScannedHeading, { first: ScannedHeading; finding: RuleFinding }>();

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  defaultSeverity: 'warning',
  description: 'A template section appears more than once.',
  structural: true,
  check(ctx) {
    return ctx.match.duplicates.map(({ section, primary }) => {
      const s = ctx.tree.sections[section];
      const first = ctx.tree.sections[primary];
      const cached = byHeading.get(s.heading);
      if (cached && cached.first === first.heading) return cached.finding;
      const finding = {
        range: lineRange(s.heading.line, ctx.index.line(s.heading.line)),
        message: `'${s.title}' appears again; the template has it once (first at line ${first.heading.line + 1}). Merge the two or rename this one.`,
      };
      byHeading.set(s.heading, { first: first.heading, finding });
      return finding;
    });
  },
};
