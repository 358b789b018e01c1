// A template section written at another heading level than the template's. Tools that compare a
// KEP with the template (verify-toc-vs-template) count such a section as missing.
import { lineRange, range } from '../text/positions';
import { headingLabel } from '../kep/kepContext';
import type { Rule, RuleFinding } from './rule';

export const headingLevel: Rule = {
  id: 'heading-level',
  defaultSeverity: 'warning',
  description: 'A template section is at a different heading level than in the template.',
  quietWhenFinished: true,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const section of ctx.tree.sections) {
      const t = ctx.match.templateOf[section.index];
      if (t < 0) continue;
      const expected = ctx.template.sections[t];
      if (section.level === expected.level) continue;
      const h = section.heading;
      const text = ctx.index.line(h.line);
      const fix =
        h.setext || !text.startsWith('#')
          ? undefined
          : {
              title: `Change to level ${expected.level} ('${'#'.repeat(expected.level)}')`,
              changes: [{ range: range(h.line, 0, h.line, h.column), newText: `${'#'.repeat(expected.level)} ` }],
            };
      findings.push({
        range: lineRange(h.line, text),
        message: `'${section.title}' is a level ${section.level} heading; the template has it at level ${expected.level}: '${headingLabel(expected)}'.`,
        fix,
      });
    }
    return findings;
  },
};
